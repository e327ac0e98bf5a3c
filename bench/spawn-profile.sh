#!/usr/bin/env bash
# Where gantry's per-task time goes with a process per task: the no-op DAG of
# bench/spawn-overhead.sh (no edges, -j K) run by gantry in variants that each remove one
# cost, and a syscall count per component. Diagnostic: the table it prints explains the
# figures of spawn-overhead.sh; nothing here is a fair comparison with ninja or make.
#
#   bench/spawn-profile.sh [BUILD_DIR]    env: RUNS=3 N=2000 K=2 SHM=/dev/shm
#
# Variants (each a fresh .gantry, medians of RUNS, interleaved):
#   disk            .gantry on the disk of $TMPDIR (as spawn-overhead.sh), `true` via PATH
#   abs             the same with /usr/bin/true: no PATH search by posix_spawnp
#   abs+nosync      ... and fsync/fdatasync made no-ops (LD_PRELOAD of bench/nosync.c)
#   shm             .gantry on tmpfs ($SHM), `true` via PATH
#   shm+abs+nosync  tmpfs, /usr/bin/true, no syncs: what is left is gantry + the spawn
#   floor           bench/spawn-floor.c: posix_spawn("/usr/bin/true") + waitpid, K at a time
#   ninja, make     for reference, as in spawn-overhead.sh (no files written per task)
# Then `strace -f -c` of one disk run: system calls per component, gantry's threads and
# the children apart.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build/bench}
gantry=$(cd "$build" && pwd)/bin/gantry
RUNS=${RUNS:-3}
N=${N:-2000}
K=${K:-2}
SHM=${SHM:-/dev/shm}
work=$(mktemp -d)
shm=$(mktemp -d -p "$SHM")
trap 'rm -rf "$work" "$shm"' EXIT
# shellcheck source=bench/sched-common.sh
. "$here/sched-common.sh"

cc -O2 -shared -fPIC -o "$work/nosync.so" "$here/nosync.c"
gen() { python3 "$here/gen-dag.py" "$1" --mode noop --n "$N" --shape none "${@:2}" > /dev/null; }
gen "$work/path"
gen "$work/abs" --noop-command /usr/bin/true
gen "$shm/path"
gen "$shm/abs" --noop-command /usr/bin/true
cc -O2 -o "$work/spawn-floor" "$here/spawn-floor.c"

clean_disk() { clean_gantry "$work/path"; }
run_disk() { run_gantry "$work/path" "$2"; }
clean_abs() { clean_gantry "$work/abs"; }
run_abs() { run_gantry "$work/abs" "$2"; }
clean_abs_nosync() { clean_gantry "$work/abs"; }
run_abs_nosync() { LD_PRELOAD=$work/nosync.so run_gantry "$work/abs" "$2"; }
clean_shm() { clean_gantry "$shm/path"; }
run_shm() { run_gantry "$shm/path" "$2"; }
clean_shm_abs_nosync() { clean_gantry "$shm/abs"; }
run_shm_abs_nosync() { LD_PRELOAD=$work/nosync.so run_gantry "$shm/abs" "$2"; }
clean_ninja_ref() { clean_ninja "$work/path"; }
run_ninja_ref() { run_ninja "$work/path" "$2"; }
clean_make_ref() { clean_make "$work/path"; }
run_make_ref() { run_make "$work/path" "$2"; }
clean_floor() { :; }
run_floor() { "$work/spawn-floor" "$N" "$2" /usr/bin/true; }

machine_note
echo "runs: $RUNS (median), tasks: $N, no edges, -j $K; disk: $(df -T "$work" | awk 'NR == 2 { print $2 }') ($work), shm: $(df -T "$shm" | awk 'NR == 2 { print $2 }')"
echo
variants=(disk abs abs_nosync shm shm_abs_nosync floor ninja_ref make_ref)
measure "" "$K" "${variants[@]}"
echo "| variant | ms/task | CPU ms/task |"
echo "| --- | --- | --- |"
for v in "${variants[@]}"; do
  med=med_$v cpu=cpu_$v
  label=${v//_/+}
  label=${label%+ref}
  awk -v v="$label" -v w="${!med}" -v c="${!cpu}" -v n="$N" 'BEGIN {
    printf "| %s | %.3f | %.3f |\n", v, w / 1e6 / n, c / n }'
done

if command -v strace > /dev/null; then
  echo
  echo "system calls per component (strace -f -c of one disk run; gantry = the gantry process's threads, child = the spawned tasks):"
  clean_disk
  strace -f -qq -o "$work/strace.log" "$gantry" -f "$work/path/gantry/gantry.toml" apply -j "$K" --output quiet > /dev/null 2>&1 || true
  gpid=$(head -1 "$work/strace.log" | cut -d' ' -f1)
  # A pid that calls execve (other than gantry itself) is a spawned task; every other pid
  # is one of gantry's threads.
  awk -v gpid="$gpid" -v n="$N" '
    FNR == NR { if ($2 ~ /^execve\(/ && $1 != gpid) child[$1] = 1; next }
    $0 ~ /resumed>/ || $0 ~ /^[0-9]+ +(\+\+\+|---)/ { next }
    {
      call = $2; sub(/\(.*/, "", call)
      who = ($1 in child) ? "child" : "gantry"
      count[who " " call]++; tot[who]++
    }
    END {
      printf "  gantry threads: %.1f calls/component, children: %.1f calls/component\n", tot["gantry"] / n, tot["child"] / n
      fflush()
      for (k in count) if (count[k] / n >= 0.9) {
        split(k, a, " "); printf "  %-8s %-18s %6.2f\n", a[1], a[2], count[k] / n | "sort -k1,1 -k3,3nr"
      }
    }' "$work/strace.log" "$work/strace.log"
fi
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)${MAX_LOAD:+; rounds run without waiting for quiet: $noisy_rounds}"
