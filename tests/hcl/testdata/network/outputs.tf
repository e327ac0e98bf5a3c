output "vpc_id" {
  value       = aws_vpc.main.id
  description = "The VPC's id."
}

output "subnet_ids" {
  value = { for name, subnet in aws_subnet.this : name => subnet.id }
}

output "db_password" {
  value     = var.db_password
  sensitive = true
}
