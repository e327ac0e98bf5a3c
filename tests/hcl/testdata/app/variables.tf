variable "state_root" {
  type    = string
  default = "/var/lib/terraform"
}

variable "instance_count" { default = 2 }
variable "instance_type" { default = "t3.micro" }
variable "name" {}
variable "env" {}
variable "bucket" {}
