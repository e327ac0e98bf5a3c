/* The app reads network's state two ways. */
data "terraform_remote_state" "net" {
  backend = "s3"
  config = {
    bucket = var.bucket == "" ? "x" : "y" // computed: cannot be matched
    key    = "network/terraform.tfstate"
  }
}

data "terraform_remote_state" "net_by_name" {
  backend = "s3"
  config = {
    bucket = "${var.bucket}"
    key    = "network/terraform.tfstate"
    region = "eu-west-1"
  }
}

data "terraform_remote_state" "base" {
  backend = "local"
  config = {
    path = "../../../state/${terraform.workspace}/base/terraform.tfstate"
  }
}

variable "bucket" { type = string }

locals {
  policy = <<EOT
{"Statement": [{"Resource": "${data.terraform_remote_state.net.outputs.vpc_id}"}]}
EOT
  by_zone = { for z in ["a", "b"] : z => upper(z) if z != "" }
}

output "url" { value = "http://app" }
