#!/bin/sh
# Installs the SDK component alone to a temporary prefix, builds examples/hello-plugin
# against it as an outside project would, runs the example's own unit test (FakeHost, from
# the installed SDK's Gantry::testing) through ctest, checks that gantry finds the plugin and
# shows its settings, that `gantry apply` runs it, and that `gantry validate` refuses a
# typo'd setting and a typo'd reference to its outputs at their own lines.
#
#   out_of_tree_test.sh <cmake> <gantry build dir> <example source dir> <gantry>
#                       <generator> <make program> <C compiler> <C++ compiler> <ctest>
set -u
if [ $# -ne 9 ]; then
  echo "usage: $0 <cmake> <build dir> <example dir> <gantry> <generator> <make program> <cc> <cxx> <ctest>" >&2
  exit 2
fi
cmake=$1
build=$2
example=$3
gantry=$4
generator=$5
make_program=$6
cc=$7
cxx=$8
ctest=$9

umask 022
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gantry-out-of-tree.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
tmp=$(cd "$tmp" && pwd -P)
prefix=$tmp/prefix
plugin_build=$tmp/build

step() {
  echo "== $*"
}
die() {
  echo "FAIL: $*"
  exit 1
}

step "install the sdk component to $prefix"
"$cmake" --install "$build" --component sdk --prefix "$prefix" || die "cmake --install failed"
for f in include/gantry/abi.h include/gantry/component.h include/gantry/host.h \
         include/gantry/plugin.h include/gantry/plugin.hpp \
         include/gantry/testing/fake_host.hpp include/gantry/testing/detail/child_process.hpp \
         include/gantry/testing/detail/line_splitter.hpp; do
  [ -f "$prefix/$f" ] || die "$f was not installed"
done
config=$(find "$prefix" -name GantrySDKConfig.cmake)
[ -n "$config" ] || die "GantrySDKConfig.cmake was not installed"
config_dir=$(dirname "$config")
for f in GantrySDKConfigVersion.cmake GantrySDKTargets.cmake GantryPlugin.cmake gantry-plugin.map; do
  [ -f "$config_dir/$f" ] || die "$f was not installed next to GantrySDKConfig.cmake"
done
[ ! -e "$prefix/bin/gantry" ] || die "the sdk component installed more than the SDK (bin/gantry)"

step "configure and build $example"
"$cmake" -S "$example" -B "$plugin_build" -G "$generator" \
  -DCMAKE_MAKE_PROGRAM="$make_program" \
  -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=ON --no-warn-unused-cli ||
  die "configuring the example failed"
"$cmake" --build "$plugin_build" || die "building the example failed"
[ -f "$plugin_build/hello.so" ] || die "the example did not produce hello.so"
[ -f "$plugin_build/hello_test" ] || die "the example did not build hello_test (GoogleTest missing?)"

step "the example's FakeHost test, through ctest"
"$ctest" --test-dir "$plugin_build" --output-on-failure --no-tests=error ||
  die "the example's unit test failed"

if command -v nm >/dev/null 2>&1; then
  exported=$(nm -D --defined-only "$plugin_build/hello.so" | awk '{print $3}' | grep -v '^$')
  [ "$exported" = "gantry_plugin_entry" ] ||
    die "hello.so must export only gantry_plugin_entry, exports: $exported"
fi

step "gantry plugins info hello"
# Only hello.so is a plugin in the build dir; the other files there are not *.so.
cd "$tmp" || exit 1
output=$(GANTRY_PLUGIN_PATH="$plugin_build" "$gantry" plugins info hello 2>&1)
rc=$?
echo "$output"
[ "$rc" -eq 0 ] || die "gantry plugins info hello exited $rc"
printf '%s\n' "$output" | grep -qwF hello || die "the output does not name type hello"
printf '%s\n' "$output" | grep -qF "$plugin_build/hello.so" || die "the output does not give the plugin's path"
printf '%s\n' "$output" | grep -qE '^ *greeting +string' ||
  die "plugins info does not show the settings table (greeting string)"
printf '%s\n' "$output" | grep -qE '^ *token .*sensitive' ||
  die "plugins info does not show token as sensitive"
printf '%s\n' "$output" | grep -qE 'receipt.*sensitive' ||
  die "plugins info does not show the sensitive output receipt"

# gantry itself checks the settings and the references the plugin declared; the FakeHost
# test cannot show these.
deploy=$tmp/deploy
mkdir -p "$deploy" || exit 1
cd "$deploy" || exit 1
gantry_in_deploy() {
  GANTRY_PLUGIN_PATH="$plugin_build" GANTRY_MAX_CONCURRENCY= GITHUB_ACTIONS= \
    GITHUB_STEP_SUMMARY= "$gantry" "$@" 2>&1
}
expect() {  # expect <what> <text>: the last output holds <text>
  printf '%s\n' "$output" | grep -qF -- "$2" || die "$1: the output lacks: $2"
}

step "gantry validate and apply: a deployment of hello components"
cat >gantry.toml <<'TOML'
[components.greeter]
type = "hello"
greeting = "hi"
name = "world"
token = "s3cret-token"

[components.web]
type = "hello"
repeat = 2
vars = { MSG = "${greeter.greeting}", SIG = "${greeter.receipt}" }
TOML
output=$(gantry_in_deploy validate)
rc=$?
echo "$output"
[ "$rc" -eq 0 ] || die "gantry validate of a good deployment exited $rc"
output=$(gantry_in_deploy apply)
rc=$?
echo "$output"
[ "$rc" -eq 0 ] || die "gantry apply exited $rc"
expect "apply" "hi, world from "
expect "apply" "hello, web from "
if printf '%s\n' "$output" | grep -qF "s3cret-token"; then die "apply showed the sensitive token"; fi

step "gantry validate: a typo'd setting and a wrong kind are refused at their lines"
cat >gantry.toml <<'TOML'
[components.greeter]
type = "hello"
greetng = "hi"
shout = "yes"
TOML
output=$(gantry_in_deploy validate)
rc=$?
echo "$output"
[ "$rc" -eq 2 ] || die "gantry validate of a typo'd setting exited $rc, not 2"
expect "typo'd setting" "$deploy/gantry.toml:3:11: error:"
expect "typo'd setting" "unknown setting 'greetng' (did you mean 'greeting'?)"
expect "wrong kind" "$deploy/gantry.toml:4:9: error:"
expect "wrong kind" "'shout' must be a boolean, not a string"
# The plugin's own check of shout says the same: the host's message is enough.
[ "$(printf '%s\n' "$output" | grep -c ':4:9: error:')" -eq 1 ] ||
  die "the wrong kind of shout was reported more than once"

step "gantry validate: a typo'd output reference is refused at its line"
cat >gantry.toml <<'TOML'
[components.greeter]
type = "hello"

[components.web]
type = "hello"
vars = { MSG = "${greeter.greetng}" }
TOML
output=$(gantry_in_deploy validate)
rc=$?
echo "$output"
[ "$rc" -eq 2 ] || die "gantry validate of a typo'd reference exited $rc, not 2"
expect "typo'd reference" "$deploy/gantry.toml:6:16: error:"
expect "typo'd reference" "declares no output 'greetng'; did you mean 'greeting'?"
expect "typo'd reference" "outputs: greeting, receipt"

echo "ok: the out-of-tree plugin builds against the installed SDK and loads, and gantry"
echo "checks the settings and outputs it declares"
exit 0
