#!/bin/sh
# Compares the ABI of the SDK probe library against the committed baseline.
#
#   check-abi.sh <probe.so> <baseline.abi>           check (a CTest test)
#   check-abi.sh --update <probe.so> <baseline.abi>  rewrite the baseline with abidw
#
# Exit 0: identical, or members were only appended at the end of structs / new constants
# and probe functions added (then it says to refresh the baseline). Exit 1: a break (a
# member moved, removed or changed type, a constant changed value, a struct shrank, a
# probe function was removed or changed) or abidiff itself failed; the report is printed.
# Exit 77: abigail-tools is not installed (CTest reports the test as skipped).
set -u

update=0
if [ "${1:-}" = "--update" ]; then
  update=1
  shift
fi
if [ $# -ne 2 ]; then
  echo "usage: $0 [--update] <probe.so> <baseline.abi>" >&2
  exit 2
fi
probe=$1
baseline=$2

if [ ! -f "$probe" ]; then
  echo "check-abi: probe library $probe does not exist (build gantry_abi_probe first)" >&2
  exit 1
fi

if [ "$update" = 1 ]; then
  if ! command -v abidw >/dev/null 2>&1; then
    echo "check-abi: abidw not found; install Debian's abigail-tools" >&2
    exit 1
  fi
  # No paths in the baseline: it must not depend on where the tree was built.
  abidw --no-corpus-path --no-comp-dir-path --short-locs --out-file "$baseline" "$probe" ||
    exit 1
  echo "check-abi: wrote $baseline from $probe"
  exit 0
fi

if ! command -v abidiff >/dev/null 2>&1; then
  echo "check-abi: SKIPPED: abidiff not found; install Debian's abigail-tools to check the ABI"
  exit 77
fi
if [ ! -f "$baseline" ]; then
  echo "check-abi: baseline $baseline does not exist; create it with: $0 --update $probe $baseline" >&2
  exit 1
fi

# Leaf mode reports each changed type once, with no impact paths, which makes the
# report easy to judge line by line.
report=$(abidiff --leaf-changes-only --no-show-locs "$baseline" "$probe" 2>&1)
rc=$?

fail() {
  echo "check-abi: ABI BREAK against $baseline: $1"
  echo "--- abidiff report ---"
  echo "$report"
  echo "----------------------"
  echo "Released structs are append-only (docs/abi-rules.md): add members at the end only."
  exit 1
}

if [ $rc -eq 0 ]; then
  echo "check-abi: ABI identical to $baseline"
  exit 0
fi
# abidiff's exit status is a bit field: 1 error, 2 usage error, 4 ABI change,
# 8 incompatible ABI change (e.g. a removed function).
if [ $((rc & 3)) -ne 0 ]; then
  echo "check-abi: abidiff failed (exit $rc):"
  echo "$report"
  exit 1
fi
if [ $((rc & 8)) -ne 0 ]; then
  fail "abidiff reports an incompatible change (exit $rc)"
fi

# An ABI change (bit 4): allowed only when every reported change is an append. Every
# line of the report must be one the awk below recognizes as harmless.
verdict=$(printf '%s\n' "$report" | awk '
  function bad(why) { if (reason == "") reason = why " [" $0 "]" }
  /^(Removed\/Changed\/Added (functions|variables) summary):/ {
    if (match($0, /[0-9]+ Removed/) && substr($0, RSTART, RLENGTH) + 0 > 0) bad("removed")
    if (match($0, /[0-9]+ Changed/) && substr($0, RSTART, RLENGTH) + 0 > 0) bad("changed")
    next
  }
  /^(Leaf changes summary|Changed leaf types summary):/ { next }
  /^[0-9]+ Added (function|variable)s?:/ { mode = "added"; next }
  /^  \[A\] / && mode == "added" { next }
  /^$/ { next }
  /^\x27.*\x27 changed:$/ { mode = "type"; old = -1; next }
  /^  type size changed from [0-9]+ to [0-9]+/ {
    old = $5 + 0
    if ($7 + 0 < old) bad("a struct shrank")
    next
  }
  /^  type size hasn\x27t changed/ { old = -1; next }
  /^  [0-9]+ data member insertions?:$/ { mode = "insert"; next }
  /^  [0-9]+ enumerator insertions?:$/ { mode = "enum-insert"; next }
  /^    / && mode == "insert" {
    if (!match($0, /at offset [0-9]+/)) { bad("unrecognized insertion"); next }
    offset = substr($0, RSTART + 10, RLENGTH - 10) + 0
    if (old < 0 || offset < old) bad("a member was inserted before the end of the struct")
    next
  }
  /^    / && mode == "enum-insert" { next }
  { bad("not an append") }
  END { print (reason == "" ? "append-only" : reason) }
')

if [ "$verdict" != "append-only" ]; then
  fail "$verdict"
fi
echo "check-abi: OK: members were only appended (compatible). Refresh the baseline so the"
echo "  next change is judged against it: $0 --update $probe $baseline"
echo "$report"
exit 0
