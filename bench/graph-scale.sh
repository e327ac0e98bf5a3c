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

median_ms() {  # median wall time of "$@" over $runs runs, in milliseconds
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" > /dev/null
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p"
}

cd "$work"
edges=$("$gantry" graph --format json | grep -c '"from"')
echo "components: $n  edges: $edges  runs: $runs (median)"
echo "validate:        $(median_ms "$gantry" validate) ms"
echo "graph (text):    $(median_ms "$gantry" graph) ms"
echo "graph (dot):     $(median_ms "$gantry" graph --format dot) ms"
echo "graph (json):    $(median_ms "$gantry" graph --format json) ms"
