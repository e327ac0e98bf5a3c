#!/bin/sh
# `gantry plugins list` with one good and one bad plugin on GANTRY_PLUGIN_PATH: exit 3,
# the good plugin listed on stdout (name, version, ABI, types, path), the bad file named
# on stderr.
#
#   plugins_list_test.sh <gantry> <good plugin .so (c-echo fixture)> <bad plugin file>
set -u
if [ $# -ne 3 ]; then
  echo "usage: $0 <gantry> <good.so> <bad.so>" >&2
  exit 2
fi
gantry=$1
good=$2
bad=$3

umask 022
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gantry-plugins-list.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
tmp=$(cd "$tmp" && pwd -P)
mkdir "$tmp/plugins"
cp "$good" "$tmp/plugins/c_plugin.so"
cp "$bad" "$tmp/plugins/not-a-library.so"
chmod 0755 "$tmp/plugins/c_plugin.so"
chmod 0644 "$tmp/plugins/not-a-library.so"

cd "$tmp" || exit 1
GANTRY_PLUGIN_PATH="$tmp/plugins" "$gantry" plugins list >"$tmp/stdout" 2>"$tmp/stderr"
rc=$?

failed=0
fail() {
  echo "FAIL: $1"
  failed=1
}

[ "$rc" -eq 3 ] || fail "exit status $rc, expected 3 (a plugin could not be loaded)"
row=$(grep -F "$tmp/plugins/c_plugin.so" "$tmp/stdout")
if [ -z "$row" ]; then
  fail "stdout has no row with the good plugin's path $tmp/plugins/c_plugin.so"
else
  for column in c-echo 0.3.1; do
    printf '%s\n' "$row" | grep -qwF -- "$column" || fail "the c-echo row lacks '$column': $row"
  done
  # The ABI column: the plugin speaks ABI 1.
  printf '%s\n' "$row" | tr -s ' \t' '\n\n' | grep -qx '1' ||
    fail "the c-echo row has no ABI column '1': $row"
fi
grep -F "$tmp/plugins/not-a-library.so" "$tmp/stderr" | grep -q "gantry: plugin" ||
  fail "stderr has no 'gantry: plugin $tmp/plugins/not-a-library.so: <reason>' line"
if grep -qF "not-a-library.so" "$tmp/stdout"; then
  fail "the bad plugin is listed on stdout"
fi

if [ "$failed" -ne 0 ]; then
  echo "--- stdout ---"
  cat "$tmp/stdout"
  echo "--- stderr ---"
  cat "$tmp/stderr"
  exit 1
fi
echo "ok: gantry plugins list exited 3, listed c-echo and named the bad file"
exit 0
