#!/bin/bash
# A stand-in for packer in the plugin's tests: appends each command line to
# $FAKE_PACKER_LOG, then behaves as the FAKE_PACKER_* variables say, printing what
# `packer -machine-readable` prints. It checks what the plugin must always give packer
# (no update check, no colour, a TMPDIR that exists) and fails loudly otherwise.
set -u
echo "$*" >> "$FAKE_PACKER_LOG"
[ "${CHECKPOINT_DISABLE:-}" = 1 ] && [ "${PACKER_NO_COLOR:-}" = 1 ] && [ -d "${TMPDIR:-/nonexistent}" ] ||
  { echo "fake packer: run without CHECKPOINT_DISABLE, PACKER_NO_COLOR or a TMPDIR" >&2; exit 90; }
ts=1796298362
say() { echo "$ts,,ui,say,$1"; }
case "$1" in
  version)
    echo "Packer v${FAKE_PACKER_VERSION:-1.6.6}" ;;
  init)
    echo "Installed plugin github.com/hashicorp/docker" ;;
  validate)
    if [ -n "${FAKE_PACKER_VALIDATE_ERROR:-}" ]; then
      echo "$ts,,ui,error,Error: $FAKE_PACKER_VALIDATE_ERROR\\n\\n  on t.pkr.hcl line 3:\\n"
      exit 1
    fi ;;
  build)
    builds=${FAKE_PACKER_BUILDS:-b.null.one}
    for b in $builds; do say "==> $b: Running local shell script%!(PACKER_COMMA) step 1"; done
    if [ -n "${FAKE_PACKER_SLEEP:-}" ]; then
      say "==> building slowly"
      sleep "$FAKE_PACKER_SLEEP"
    fi
    if [ -n "${FAKE_PACKER_BUILD_ERROR:-}" ]; then
      echo "$ts,,ui,error,Build '${builds%% *}' errored after 1 second: $FAKE_PACKER_BUILD_ERROR"
      echo "$ts,${builds%% *},error,1 error(s) occurred:\\n\\n* $FAKE_PACKER_BUILD_ERROR"
      echo "$ts,,ui,error,\\n==> Some builds didn't complete successfully and had errors:"
      exit 1
    fi
    entries=""
    for b in $builds; do
      echo "$ts,$b,artifact-count,1"
      echo "$ts,$b,artifact,0,builder-id,fnoeding.null"
      echo "$ts,$b,artifact,0,id,stream-$b"
      echo "$ts,$b,artifact,0,end"
      entries+="${entries:+,}{\"name\": \"${b##*.}\", \"builder_type\": \"null\", \"artifact_id\": \"manifest-$b\", \"packer_run_uuid\": \"${FAKE_PACKER_RUN:-run-new}\", \"custom_data\": {\"greeting\": \"${FAKE_PACKER_GREETING:-new}\"}}"
    done
    if [ -n "${FAKE_PACKER_MANIFEST:-}" ]; then
      old=${FAKE_PACKER_OLD_ENTRIES:-}
      printf '{"builds": [%s%s], "last_run_uuid": "%s"}\n' "${old:+$old,}" "$entries" \
        "${FAKE_PACKER_RUN:-run-new}" > "$FAKE_PACKER_MANIFEST"
    fi
    say "\\n==> Builds finished. The artifacts of successful builds are:" ;;
  *) echo "fake packer: unknown command $1" >&2; exit 91 ;;
esac
