#!/bin/bash
# A stand-in for terraform in the plugin's tests: appends each command line to
# $FAKE_TF_LOG, then behaves as the FAKE_TF_* variables say. It checks what the plugin
# must always give terraform (automation mode, the data dir) and fails loudly otherwise.
set -u
echo "$*" >> "$FAKE_TF_LOG"
[ "${TF_IN_AUTOMATION:-}" = 1 ] && [ "${TF_INPUT:-}" = 0 ] && [ -n "${TF_DATA_DIR:-}" ] ||
  { echo "fake terraform: not run as automation" >&2; exit 90; }
case "$1" in
  init)
    if [ -n "${TF_PLUGIN_CACHE_DIR:-}" ]; then
      # Two inits at once on one cache would race: catch it.
      mkdir "$TF_PLUGIN_CACHE_DIR/.fake-busy" 2>/dev/null || echo RACE >> "$FAKE_TF_LOG"
      sleep "${FAKE_TF_INIT_SLEEP:-0}"
      rmdir "$TF_PLUGIN_CACHE_DIR/.fake-busy" 2>/dev/null
    fi
    mkdir -p "$TF_DATA_DIR"
    [ -n "${FAKE_TF_LOCK:-}" ] && printf '%s\n' "$FAKE_TF_LOCK" > .terraform.lock.hcl
    echo "Terraform has been successfully initialized!"
    exit "${FAKE_TF_INIT_EXIT:-0}" ;;
  workspace)
    name="${!#}"
    if [ "$3" = -or-create ] && [ -n "${FAKE_TF_OLD:-}" ]; then
      echo "flag provided but not defined: -or-create" >&2; exit 1
    fi
    if [ "$2" = select ] && [ "$3" != -or-create ] && [ ! -e "$TF_DATA_DIR/ws-$name" ]; then
      echo "Workspace \"$name\" doesn't exist." >&2; exit 1
    fi
    touch "$TF_DATA_DIR/ws-$name"
    echo "$name" > "$TF_DATA_DIR/environment"
    echo "Switched to workspace \"$name\"." ;;
  plan)
    for word in "$@"; do
      case "$word" in -out=*) echo "fake plan" > "${word#-out=}" ;; esac
    done
    echo "Plan: 1 to add, 0 to change, 0 to destroy."
    [ -n "${FAKE_TF_PLAN_EXIT:-}" ] || exit 2
    exit "$FAKE_TF_PLAN_EXIT" ;;
  show)
    if [ -n "${FAKE_TF_SHOW_FILE:-}" ]; then cat "$FAKE_TF_SHOW_FILE"; exit; fi
    echo '{"format_version":"1.2","resource_changes":[{"change":{"actions":["create"]}},{"change":{"actions":["delete","create"]}}]}' ;;
  apply)
    [ -n "${FAKE_TF_APPLY_ERROR:-}" ] && { echo "Error: $FAKE_TF_APPLY_ERROR" >&2; exit 1; }
    echo "Apply complete! Resources: 1 added, 0 changed, 0 destroyed." ;;
  destroy)
    echo "Destroy complete! Resources: 1 destroyed." ;;
  output)
    if [ -n "${FAKE_TF_OUTPUTS_FILE:-}" ]; then cat "$FAKE_TF_OUTPUTS_FILE"; else echo "{}"; fi ;;
  *) echo "fake terraform: unknown command $1" >&2; exit 91 ;;
esac
