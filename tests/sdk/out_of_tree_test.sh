#!/bin/sh
# Installs the SDK component alone to a temporary prefix, builds examples/hello-plugin
# against it as an outside project would, runs the example's own unit test (FakeHost, from
# the installed SDK's Gantry::testing) through ctest, and checks that gantry finds the plugin.
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
echo "ok: the out-of-tree plugin builds against the installed SDK and loads"
exit 0
