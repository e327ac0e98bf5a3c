# The app reads the network's state two ways: from a local file and from S3.
terraform {
  required_version = ">= 1.5.0"
  backend "s3" {
    bucket = "acme-terraform-state"
    key    = "app/terraform.tfstate" # the app's own state
    region = "eu-west-1"
  }
}

data "terraform_remote_state" "net" {
  backend = "local"
  config = {
    path = "${var.state_root}/network/terraform.tfstate"
  }
}

data /* the type: */ "terraform_remote_state" /* the name: */ "shared" { # S3 this time
  backend = "s3"
  config = {
    bucket = "b"
    key    = "net/terraform.tfstate" // where network keeps it
    region = "eu-west-1"
  }
}

resource "aws_instance" "web" {
  count         = var.instance_count
  ami           = data.aws_ami.ubuntu.id
  instance_type = var.instance_type
  subnet_id     = data.terraform_remote_state.net.outputs.subnet_ids["public-a"]

  user_data = <<-EOF
    #!/bin/bash
    echo "hello from ${var.name}" > /etc/motd
    EOF

  tags = { Name = "web-${count.index}", Role = "web" }
}

output "web_ips" {
  value = aws_instance.web[*].private_ip
}
