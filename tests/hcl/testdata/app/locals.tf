locals {
  # Ports by service, flattened for the security group rules.
  service_ports = {
    web = [80, 443]
    api = [8080]
  }
  rules = flatten([
    for service, ports in local.service_ports : [
      for port in ports : {
        key  = "${service}-${port}"
        port = port
      }
    ]
  ])
  rules_by_key = { for r in local.rules : r.key => r if r.port != 22 }
  settings = { /* inside */
    retries = 3, // after a comma
    timeout = "30s"
    "log-level" = "info"
  }
  name_prefix = /* after = */ "acme-${var.env}"
  escaped = "say \"hi\"\tthen $${not_a_ref}"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["s3:GetObject"],
      "Resource": "arn:aws:s3:::${var.bucket}/*"
    }
  ]
}
EOF
}
