#!/bin/sh
# The smoke test: the values of all three other types reach it; the password is a secret,
# so gantry shows *** wherever this prints it.
set -eu
echo "smoke: $APP_URL answers, backed by $DB_ENDPOINT (password $DB_PASSWORD)"
echo "checked=$APP_URL" >> "$GANTRY_OUTPUT"
