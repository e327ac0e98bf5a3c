#!/bin/bash
# A stand-in for ansible-playbook in the plugin's tests: appends its command line to
# $FAKE_ANSIBLE_LOG, checks what the plugin must always give it (the callback enabled
# and installed, a result file, temporary files in the workspace) and fails loudly
# otherwise, then behaves as the FAKE_ANSIBLE_* variables say.
set -u
echo "$*" >> "$FAKE_ANSIBLE_LOG"
callback_dir="${ANSIBLE_CALLBACK_PLUGINS%%:*}"
[ -f "$callback_dir/gantry_result.py" ] && [ -n "${GANTRY_ANSIBLE_RESULT:-}" ] &&
  [[ ",$ANSIBLE_CALLBACKS_ENABLED," == *,gantry_result,* ]] && [ -d "$ANSIBLE_LOCAL_TEMP" ] ||
  { echo "fake ansible-playbook: gantry's callback is not set up" >&2; exit 90; }
# The inventory and vars files, as the plugin wrote them, for the test to read.
while [ $# -gt 0 ]; do
  case "$1" in
    -i) cp "$2" "$FAKE_ANSIBLE_LOG.inventory"; shift ;;
    -e) cp "${2#@}" "$FAKE_ANSIBLE_LOG.vars"; shift ;;
  esac
  shift
done
echo "PLAY RECAP (fake)"
[ -n "${FAKE_ANSIBLE_SLEEP:-}" ] && { trap 'echo "fake: got SIGINT" >&2; exit 99' INT; sleep "$FAKE_ANSIBLE_SLEEP" & wait; }
[ -n "${FAKE_ANSIBLE_RESULT:-}" ] && printf '%s' "$FAKE_ANSIBLE_RESULT" > "$GANTRY_ANSIBLE_RESULT"
exit "${FAKE_ANSIBLE_EXIT:-0}"
