# The network root module: an s3 backend, outputs (one sensitive), variables with
# validation and heredoc descriptions.
terraform {
  required_version = ">= 1.5"
  backend "s3" {
    bucket         = "acme-state" # where every component's state lives
    key            = "network/terraform.tfstate"
    region         = "eu-west-1"
    dynamodb_table = "tf-locks"
  }
}

variable "cidr" {
  type        = string
  description = <<-EOT
    The VPC's address range; {braces} and ${"$"}{...} are just text here.
  EOT
  validation {
    condition     = can(cidrhost(var.cidr, 0))
    error_message = "Must be a CIDR block."
  }
}

variable "zones" {
  type    = list(string)
  default = ["a", "b"]
}

resource "terraform_data" "vpc" {
  for_each = toset(var.zones)
  input    = { zone = each.key, cidr = var.cidr }
}

output "vpc_id" {
  description = "The VPC"
  value       = terraform_data.vpc["a"].id
}

output "admin_token" {
  value     = "tok"
  sensitive = true
}
