# The application image, built for the network. The null builder stands in for a cloud
# builder (no network, no VM); the manifest's custom_data becomes gantry outputs.
variable "vpc_id" { type = string }

source "null" "app" { communicator = "none" }

build {
  sources = ["source.null.app"]
  provisioner "shell-local" {
    inline = ["echo \"baking the app image for ${var.vpc_id}\""]
  }
  post-processor "manifest" {
    output      = "manifest.json"
    custom_data = { image_name = "app-${var.vpc_id}" }
  }
}
