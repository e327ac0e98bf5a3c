#!/usr/bin/env bash
# Per-task overhead with a process per task (issue 4, item 9b): N no-op tasks (`true`)
# run by gantry, ninja and make with K slots, and by bench/spawn-floor.c as a floor (a
# bare posix_spawn("/usr/bin/true") + waitpid loop, K at a time: no graph, no files, no
# PATH search, no output capture).
#
#   bench/spawn-overhead.sh [BUILD_DIR]   (default build/bench; needs bin/gantry and its
#                                          bundled plugins, i.e. a full build)
#   env: RUNS=3 N=10000 K=2 SHAPES="none random chain" STAMPS=0
#        NOOP=true|static: the task's program: `true` (dynamically linked, found in PATH),
#        or bench/noop-exit.c built static (no loader, no libc: a spawn as cheap as it
#        gets, so what each tool does around it shows; the floor runs the same program)
#        MAX_LOAD=L [MAX_WAIT=900]: before each round, wait for the machine to be quiet
#        PIN=CPUS: every tool (and the floor) runs under `taskset -c CPUS`
#
# Shapes (bench/gen-dag.py --mode noop): none = no edges; random = average in-degree 2
# over all earlier tasks; chain = each task depends on the previous one (so one runs at a
# time whatever K: the per-task latency, not throughput).
#
# What runs per task (see bench/gen-dag.py): gantry: ["true"] (argv, no shell); ninja:
# `true` through /bin/sh -c (dash; `true` is a builtin, so dash is the only exec); make:
# `true`, exec'd directly after make's own PATH lookup; floor: /usr/bin/true. One process
# per task for every tool. STAMPS=1: ninja and make run
# `true && touch out/tNNNN` instead (two processes: real stamp files, as a real build).
#
# Per-task overhead = wall time of the whole run / N, in ms (at K slots: the throughput
# cost of one task); "CPU" = user + system time of the tool and all its children / N.
# The same definition for every tool. Runs are interleaved; medians of RUNS; the /ninja
# and /make columns are medians of the per-round ratios.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build/bench}
gantry=$(cd "$build" && pwd)/bin/gantry
RUNS=${RUNS:-3}
N=${N:-10000}
K=${K:-2}
SHAPES=${SHAPES:-none random chain}
STAMPS=${STAMPS:-0}
NOOP=${NOOP:-true}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=bench/sched-common.sh
. "$here/sched-common.sh"

cc -O2 -o "$work/spawn-floor" "$here/spawn-floor.c"
task_program=/usr/bin/true
noop_args=()
if [ "$NOOP" = static ]; then
  cc -O2 -static -nostdlib -o "$work/noop-exit" "$here/noop-exit.c"
  task_program=$work/noop-exit
  noop_args=(--noop-command "$task_program")
fi
clean_floor() { :; }
run_floor() { "${pinned[@]}" "$work/spawn-floor" "$N" "$2" "$task_program"; }

machine_note
echo "runs per cell: $RUNS (median), tasks: $N, K: $K, stamps: $STAMPS, task program: $NOOP"
stamps=()
[ "$STAMPS" = 1 ] && stamps=(--stamps)
for shape in $SHAPES; do
  dir=$work/$shape
  python3 "$here/gen-dag.py" "$dir" --mode noop --n "$N" --shape "$shape" "${stamps[@]}" "${noop_args[@]}" > "$work/stats"
  edges=$(sed -n 's/^edges=//p' "$work/stats")
  echo
  echo "== shape $shape: $N tasks, $edges edges, -j $K"
  echo "| tool | wall s | ms/task | CPU ms/task | /ninja | /make |"
  echo "| --- | --- | --- | --- | --- | --- |"
  # gantry_again right after gantry: it applies what gantry's run just applied.
  tools=(gantry gantry_again ninja make)
  [ "$shape" = none ] && tools+=(floor)
  measure "$dir" "$K" "${tools[@]}"
  echo "$shape runs (ms): gantry [$all_gantry] again [$all_gantry_again] ninja [$all_ninja] make [$all_make]${all_floor:+ floor [$all_floor]}" >&2
  for tool in "${tools[@]}"; do
    med=med_$tool cpu=cpu_$tool
    label=$tool
    [ "$tool" = floor ] && label="floor: posix_spawn + waitpid"
    [ "$tool" = gantry ] && label="gantry (first apply)"
    [ "$tool" = gantry_again ] && label="gantry (apply again)"
    rn=$(paired_ratio "$tool" ninja) rm=$(paired_ratio "$tool" make)
    awk -v t="$label" -v w="${!med}" -v c="${!cpu}" -v n="$N" -v rn="$rn" -v rm="$rm" 'BEGIN {
      printf "| %s | %.2f | %.3f | %.3f | %.2f | %.2f |\n", t, w / 1e9, w / 1e6 / n, c / n, rn, rm }'
  done
  # Issue 18's targets, one line per gantry variant: per-task wall <= 1.25x make's and
  # <= 1.0x ninja's (paired ratios), CPU <= 2x make's; the chain's wall <= 1.25x make's.
  for tool in gantry gantry_again; do
    rn=$(paired_ratio "$tool" ninja) rm=$(paired_ratio "$tool" make) cpu=cpu_$tool
    awk -v s="$shape" -v t="$tool" -v n="$N" -v k="$K" -v rn="$rn" -v rm="$rm" \
        -v c="${!cpu}" -v cm="$cpu_make" 'BEGIN {
      rc = c / cm
      # The chain measures latency: its one target is against make.
      ok = s == "chain" ? rm <= 1.25 : rm <= 1.25 && rn <= 1.0 && rc <= 2.0
      printf "target %s %s N=%d K=%d: wall/make %.2f (<= 1.25), wall/ninja %.2f (<= 1.0), CPU/make %.2f (<= 2): %s\n",
        s, t, n, k, rm, rn, rc, ok ? "met" : "NOT met" }'
  done
  unset all_floor
done
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)${MAX_LOAD:+; rounds run without waiting for quiet: $noisy_rounds}"
