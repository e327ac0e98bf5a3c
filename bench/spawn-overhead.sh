#!/usr/bin/env bash
# Per-task overhead with a process per task (issue 4, item 9b): N no-op tasks (`true`)
# run by gantry, ninja and make with K slots, and by `xargs -P K` as a floor (a bare
# fork+exec+wait loop: no graph, no files).
#
#   bench/spawn-overhead.sh [BUILD_DIR]   (default build/bench; needs bin/gantry and its
#                                          bundled plugins, i.e. a full build)
#   env: RUNS=3 N=10000 K=2 SHAPES="none random chain" STAMPS=0
#        MAX_LOAD=L [MAX_WAIT=900]: before each round, wait for the machine to be quiet
#
# Shapes (bench/gen-dag.py --mode noop): none = no edges; random = average in-degree 2
# over all earlier tasks; chain = each task depends on the previous one (so one runs at a
# time whatever K: the per-task latency, not throughput).
#
# What runs per task (see bench/gen-dag.py): gantry: ["true"] (argv, no shell); ninja:
# `true` through /bin/sh -c (dash; `true` is a builtin); make: `true`, exec'd directly;
# xargs: `true <n>`. One process per task for every tool. STAMPS=1: ninja and make run
# `true && touch out/tNNNN` instead (two processes: real stamp files, as a real build).
#
# Per-task overhead = wall time of the whole run / N, in ms (at K slots: the throughput
# cost of one task); "CPU" = user + system time of the tool and all its children / N.
# The same definition for every tool. Runs are interleaved; medians of RUNS.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build/bench}
gantry=$(cd "$build" && pwd)/bin/gantry
RUNS=${RUNS:-3}
N=${N:-10000}
K=${K:-2}
SHAPES=${SHAPES:-none random chain}
STAMPS=${STAMPS:-0}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=bench/sched-common.sh
. "$here/sched-common.sh"

clean_xargs() { :; }
run_xargs() { xargs -P "$2" -n 1 true < "$1/xargs.in"; }

machine_note
echo "runs per cell: $RUNS (median), tasks: $N, K: $K, stamps: $STAMPS"
stamps=()
[ "$STAMPS" = 1 ] && stamps=(--stamps)
for shape in $SHAPES; do
  dir=$work/$shape
  python3 "$here/gen-dag.py" "$dir" --mode noop --n "$N" --shape "$shape" "${stamps[@]}" > "$work/stats"
  seq "$N" > "$dir/xargs.in"
  edges=$(sed -n 's/^edges=//p' "$work/stats")
  echo
  echo "== shape $shape: $N tasks, $edges edges, -j $K"
  echo "| tool | wall s | ms/task | CPU ms/task | /ninja | /make |"
  echo "| --- | --- | --- | --- | --- | --- |"
  tools=(gantry ninja make)
  [ "$shape" = none ] && tools+=(xargs)
  measure "$dir" "$K" "${tools[@]}"
  echo "$shape runs (ms): gantry [$all_gantry] ninja [$all_ninja] make [$all_make]${all_xargs:+ xargs [$all_xargs]}" >&2
  for tool in "${tools[@]}"; do
    med=med_$tool cpu=cpu_$tool
    label=$tool
    [ "$tool" = xargs ] && label="xargs -P $K (floor)"
    awk -v t="$label" -v w="${!med}" -v c="${!cpu}" -v n="$N" -v nj="$med_ninja" -v mk="$med_make" 'BEGIN {
      printf "| %s | %.2f | %.3f | %.3f | %.2f | %.2f |\n", t, w / 1e9, w / 1e6 / n, c / n, w / nj, w / mk }'
  done
  unset all_xargs
done
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)${MAX_LOAD:+; rounds run without waiting for quiet: $noisy_rounds}"
