#!/usr/bin/env bash
# What the kernel's placement of a new process costs one task at a time (issue 18, the
# chain). A serial spawn loop (bench/spawn-floor.c, K=1, the static no-op) that computes
# BUSY µs after each task, standing in for what a tool does between two tasks, run free
# and pinned to one CPU (taskset -c 0). On a VM whose kernel moves a child to another vCPU
# at exec once the spawning CPU is busy enough, each move costs a wake-up of an idle vCPU
# there and another one back for the parent: "free - pinned" jumps once BUSY passes a
# threshold (~150-200 µs on this project's VMs).
#
#   bench/placement.sh      env: N=2000 RUNS=5 BUSY="0 100 150 200 300"
#                                VARIANT_BUSY="0 200 300"
#
# Columns: ms per task free and pinned (medians of RUNS interleaved rounds), what the free
# run costs over the pinned one, and CPU migrations per task in the free run (perf stat;
# "-" without perf).
#
# Then bench/placement-variants.c, free, at VARIANT_BUSY (values of BUSY): the same work
# done while the child runs (overlap), or with the spawns on a thread of their own
# (thread), beside the free column above (the work between two tasks); and what the system
# calls of a spawn path cost here (bench/syscall-cost.c, in the directory the script works
# in).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
N=${N:-2000}
RUNS=${RUNS:-5}
BUSY=${BUSY:-0 100 150 200 300}
VARIANT_BUSY=${VARIANT_BUSY:-0 200 300}
declare -A serial  # busy µs -> the free column's "ms/task (migrations/task)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cc -O2 -o "$work/spawn-floor" "$here/spawn-floor.c"
cc -O2 -pthread -o "$work/placement-variants" "$here/placement-variants.c"
cc -O2 -o "$work/syscall-cost" "$here/syscall-cost.c"
cc -O2 -static -nostdlib -o "$work/noop-exit" "$here/noop-exit.c"
floor=("$work/spawn-floor" "$N" 1 "$work/noop-exit")

# Wall time of "$@" in µs.
wall_us() {
  local start
  start=$(date +%s%N)
  "$@"
  echo $((($(date +%s%N) - start) / 1000))
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
migrations() {
  command -v perf > /dev/null || { echo -; return; }
  perf stat -x, -e cpu-migrations "$@" 2>&1 >/dev/null |
    awk -F, -v n="$N" '/cpu-migrations/ { printf "%.2f", $1 / n }'
}

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
echo "machine: $(nproc) CPUs, $cpu, $(uname -sr)"
echo "tasks: $N one at a time, rounds: $RUNS (median)"
echo "| busy µs | free ms/task | pinned ms/task | free - pinned ms | migrations/task (free) |"
echo "| --- | --- | --- | --- | --- |"
for busy in $BUSY; do
  export SPAWN_FLOOR_BUSY_US=$busy
  : > "$work/free"
  : > "$work/pinned"
  for _ in $(seq "$RUNS"); do
    wall_us "${floor[@]}" >> "$work/free"
    wall_us taskset -c 0 "${floor[@]}" >> "$work/pinned"
  done
  free=$(median < "$work/free")
  pinned=$(median < "$work/pinned")
  moved=$(migrations "${floor[@]}")
  serial[$busy]="$(awk -v f="$free" -v n="$N" 'BEGIN { printf "%.3f", f / n / 1e3 }') ($moved)"
  awk -v b="$busy" -v f="$free" -v p="$pinned" -v n="$N" -v m="$moved" 'BEGIN {
    printf "| %d | %.3f | %.3f | %.3f | %s |\n", b, f / n / 1e3, p / n / 1e3, (f - p) / n / 1e3, m
  }'
done

echo
echo "Where the work goes (free; ms/task, medians of $RUNS; migrations/task):"
echo "| busy µs | between tasks (the free column above) | overlap | thread |"
echo "| --- | --- | --- | --- |"
for busy in $VARIANT_BUSY; do
  export SPAWN_FLOOR_BUSY_US=$busy
  row="| $busy | ${serial[$busy]:--} |"
  for mode in overlap thread; do
    : > "$work/$mode"
    for _ in $(seq "$RUNS"); do
      wall_us "$work/placement-variants" "$mode" "$N" "$work/noop-exit" >> "$work/$mode"
    done
    ms=$(median < "$work/$mode" | awk -v n="$N" '{ printf "%.3f", $1 / n / 1e3 }')
    row="$row $ms ($(migrations "$work/placement-variants" "$mode" "$N" "$work/noop-exit")) |"
  done
  echo "$row"
done

echo
"$work/syscall-cost" "$work"
