variable "region" {
  type        = string
  default     = "eu-west-1"
  description = "AWS region the network lives in."
}

variable "vpc_cidr" {
  type    = string
  default = "10.20.0.0/16"
  description = <<-EOT
    The CIDR block of the VPC.
      Must be a private range (RFC 1918).
    EOT

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0))
    error_message = "The vpc_cidr must be a valid IPv4 CIDR block, e.g. \"10.0.0.0/16\"."
  }
}

variable "subnets" {
  type = map(object({
    cidr   = string
    az     = string
    public = optional(bool, false)
  }))
  description = <<EOT
Subnets by name.
EOT

  validation {
    condition = alltrue([
      for s in values(var.subnets) : can(cidrhost(s.cidr, 0))
    ])
    error_message = "Every subnet needs a valid CIDR."
  }
}

variable "ingress_rules" {
  type = list(object({ port = number, cidr = string }))
  default = [
    { port = 443, cidr = "0.0.0.0/0" },
    { port = 22, cidr = "10.0.0.0/8" },
  ]
}

variable "db_password" {
  type      = string
  sensitive = true
}
