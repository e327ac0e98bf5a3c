#!/usr/bin/env bash
# Makespan of a random DAG of sleep tasks (issue 4, item 9a): gantry vs ninja vs make,
# each against the lower bound max(critical path, total work / K).
#
#   bench/makespan.sh [BUILD_DIR]        (default build/bench; needs bin/gantry and its
#                                         bundled plugins, i.e. a full build)
#   env: RUNS=3 N=500 SEED=1 KS="4 8" SHAPES="wide deep" ESTIMATES=0 STAMPS=1 NOSYNC=0
#        MAX_LOAD=L [MAX_WAIT=900]: before each round, wait for the machine to be quiet
#
# Shapes (bench/gen-dag.py, average in-degree 2, lognormal 20-300 ms durations, mean
# ~100 ms):
#   wide: predecessors drawn from all earlier tasks (short critical path: work/K binds)
#   deep: predecessors drawn from the 20 previous tasks (critical path ~9.5 s for seed 1:
#         binds at K=8)
# Columns: LB = max(critical path, work / K); sim = the makespan of a zero-overhead list
# schedule with gantry's priority rule (bench/gen-dag.py; make's and ninja's file-order rule
# differs by < 2% here); gantry/ninja and gantry/make are medians of the per-round ratios
# (each round runs every tool under about the same load); ovh = (median - sim) * K / N: the time each task costs its slot
# beyond its sleep (gantry against the gantry-rule sim, ninja and make against file order).
# ESTIMATES=1 also gives gantry each task's duration as estimated_duration (ninja and make
# have no such knowledge in a fresh build), as an extra gantry column.
#
# What runs per task (bench/gen-dag.py): gantry ["sleep", "0.123"] (one process); ninja
# and make `sleep 0.123 && touch out/tNNNN` through /bin/sh (three: sh, sleep, touch).
# STAMPS=0: ninja and make run `sleep 0.123` alone, without stamp files (ninja: sh, which
# execs sleep; make: sleep exec'd directly), so every tool runs one sleep per task.
#
# Each run starts clean: no .gantry for gantry, no stamps nor .ninja_log for ninja, no
# stamps for make. Runs of the three tools are interleaved; the table gives medians.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build/bench}
gantry=$(cd "$build" && pwd)/bin/gantry
RUNS=${RUNS:-3}
N=${N:-500}
SEED=${SEED:-1}
KS=${KS:-4 8}
SHAPES=${SHAPES:-wide deep}
ESTIMATES=${ESTIMATES:-0}
STAMPS=${STAMPS:-1}
NOSYNC=${NOSYNC:-0}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=bench/sched-common.sh
. "$here/sched-common.sh"

# The gantry run with estimates is a second DAG directory: clean/run it as "gantry_est".
clean_gantry_est() { clean_gantry "$1.est"; }
run_gantry_est() { run_gantry "$1.est" "$2"; }
# NOSYNC=1 (diagnostic): gantry again with fsync/fdatasync made no-ops (bench/nosync.c).
clean_gantry_nosync() { clean_gantry "$1"; }
run_gantry_nosync() { LD_PRELOAD=$work/nosync.so run_gantry "$1" "$2"; }

[ "$NOSYNC" = 1 ] && cc -O2 -shared -fPIC -o "$work/nosync.so" "$here/nosync.c"
machine_note
echo "runs per cell: $RUNS (median), tasks: $N, seed: $SEED, stamps: $STAMPS"
gen_flags=()
[ "$STAMPS" = 0 ] && gen_flags+=(--no-stamps)
tools=(gantry ninja make)
[ "$ESTIMATES" = 1 ] && tools+=(gantry_est)
[ "$NOSYNC" = 1 ] && tools+=(gantry_nosync)

for shape in $SHAPES; do
  dir=$work/$shape
  case $shape in
    wide) window=0 ;;
    deep) window=20 ;;
    *) echo "unknown shape $shape" >&2; exit 2 ;;
  esac
  python3 "$here/gen-dag.py" "$dir" --n "$N" --seed "$SEED" --window "$window" "${gen_flags[@]}" > /dev/null
  if [ "$ESTIMATES" = 1 ]; then
    python3 "$here/gen-dag.py" "$dir.est" --n "$N" --seed "$SEED" --window "$window" --estimates "${gen_flags[@]}" > /dev/null
  fi
  # shellcheck disable=SC1091
  . "$dir/stats.txt"
  echo
  echo "== $shape: $n tasks, $edges edges, total work ${total_work_s} s, critical path ${critical_path_s} s"
  header="| K | LB s | gantry s | ninja s | make s | gantry/LB | ninja/LB | make/LB | gantry/ninja | gantry/make | sim s | ovh ms/task gantry | ninja | make |"
  [ "$ESTIMATES" = 1 ] && header="$header gantry+est s | gantry+est/LB |"
  [ "$NOSYNC" = 1 ] && header="$header gantry nosync s |"
  echo "$header"
  echo "$header" | sed 's/[^|]/-/g; s/--*/ --- /g'
  for k in $KS; do
    lb=$(calc "($critical_path_s > $total_work_s / $k) ? $critical_path_s : $total_work_s / $k")
    measure "$dir" "$k" "${tools[@]}"
    echo "K=$k runs (ms): gantry [$all_gantry] ninja [$all_ninja] make [$all_make]${all_gantry_est:+ gantry+est [$all_gantry_est]}${all_gantry_nosync:+ gantry-nosync [$all_gantry_nosync]}" >&2
    g=$(calc "$med_gantry / 1e9"); nj=$(calc "$med_ninja / 1e9"); mk=$(calc "$med_make / 1e9")
    sim_g=sim_K${k}_cp_count_s sim_i=sim_K${k}_index_s
    gn=$(paired_ratio gantry ninja) gm=$(paired_ratio gantry make)
    row=$(awk -v k="$k" -v lb="$lb" -v g="$g" -v n="$nj" -v m="$mk" -v sg="${!sim_g}" \
              -v si="${!sim_i}" -v tasks="$n" -v gn="$gn" -v gm="$gm" 'BEGIN {
      per = k / tasks * 1000  # s of makespan -> ms per task and slot
      printf "| %d | %.2f | %.2f | %.2f | %.2f | %.3f | %.3f | %.3f | %.3f | %.3f | %.2f | %.0f | %.0f | %.0f |",
        k, lb, g, n, m, g / lb, n / lb, m / lb, gn, gm, sg, (g - sg) * per,
        (n - si) * per, (m - si) * per }')
    if [ "$ESTIMATES" = 1 ]; then
      ge=$(calc "$med_gantry_est / 1e9")
      row="$row $(awk -v lb="$lb" -v ge="$ge" 'BEGIN { printf "%.2f | %.3f |", ge, ge / lb }')"
    fi
    if [ "$NOSYNC" = 1 ]; then
      row="$row $(awk -v t="$med_gantry_nosync" 'BEGIN { printf "%.2f |", t / 1e9 }')"
    fi
    echo "$row"
  done
done
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)${MAX_LOAD:+; rounds run without waiting for quiet: $noisy_rounds}"
