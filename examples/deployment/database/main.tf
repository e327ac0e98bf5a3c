# A database in the network. Its password comes in as a sensitive var and goes out as a
# sensitive output: gantry masks it everywhere it prints or records.
variable "vpc_id" { type = string }
variable "password" {
  type      = string
  sensitive = true
}

resource "terraform_data" "db" {
  input = "db.${var.vpc_id}.internal"
}

output "endpoint" { value = "db.${var.vpc_id}.internal:5432" }
output "password" {
  value     = var.password
  sensitive = true
}
