#!/usr/bin/env bash
# Times loading, validating and printing the graph of a generated deployment
# (default 10,000 components, ~30,000 edges). Prints the median of RUNS runs of each.
#   bench/graph-scale.sh [GANTRY_BINARY] [N] [RUNS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
gantry=${1:-$here/../build/release/bin/gantry}
n=${2:-10000}
runs=${3:-7}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$here/gen-deployment.sh" "$n" 3 1 > "$work/gantry.toml"

median() { sort -n | sed -n "$(((runs + 1) / 2))p"; }

# Median wall time and median CPU time (user + sys) of "$@" over $runs runs, in ms. CPU
# time is what the machine's load does not inflate: on a shared machine, compare it.
median_ms() {
  local walls=() cpus=()
  for _ in $(seq "$runs"); do
    local wall user sys
    read -r wall user sys < <(/usr/bin/time -f "%e %U %S" "$@" 2>&1 >/dev/null | tail -1)
    walls+=($(awk -v w="$wall" 'BEGIN { printf "%d", w * 1000 }'))
    cpus+=($(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%d", (u + s) * 1000 }'))
  done
  echo "$(printf '%s\n' "${walls[@]}" | median) ms wall, $(printf '%s\n' "${cpus[@]}" | median) ms CPU"
}

cd "$work"
edges=$("$gantry" graph --format json | grep -c '"from"')
echo "components: $n  edges: $edges  runs: $runs (median)"
echo "validate:        $(median_ms "$gantry" validate)"
echo "graph (text):    $(median_ms "$gantry" graph)"
echo "graph (dot):     $(median_ms "$gantry" graph --format dot)"
echo "graph (json):    $(median_ms "$gantry" graph --format json)"
echo "apply --dry-run: $(median_ms "$gantry" apply --dry-run -j 8)"
