#!/bin/sh
# A stand-in for a network stack: prints what it would do and records an output.
set -eu
case "$1" in
  plan) echo "would create a VPC with CIDR $CIDR" ;;
  apply)
    echo "creating VPC $CIDR"
    echo "vpc_id=vpc-0example" >> "$GANTRY_OUTPUT"
    ;;
  destroy) echo "deleting VPC $CIDR" ;;
esac
