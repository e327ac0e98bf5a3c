# The network every other component lands in. terraform_data stands in for a real VPC
# (it needs no provider download); the id is a name made from the inputs, so a plan of
# a stack never applied already knows it.
variable "name" { type = string }
variable "cidr" { type = string }

locals { vpc_id = "vpc-${var.name}" }

resource "terraform_data" "vpc" {
  input = { id = local.vpc_id, cidr = var.cidr }
}

output "vpc_id" { value = local.vpc_id }
output "cidr" { value = var.cidr }
