#!/usr/bin/env bash
# Stream injection throughput: CHILDREN concurrent children each writing MIB MiB of lines,
# (a) straight to files, (b) through PosixProcessRunner -> ComponentStream (log file +
# masking) -> the prefixed console writing to /dev/null. Prints the median MiB/s of RUNS
# runs of each (alternating, so drift hits both) and their ratio. See bench/README.md.
#   bench/stream-throughput.sh [BUILD_DIR] [RUNS] [CHILDREN] [MIB] [SECRETS]
# BUILD_DIR must be configured with -DGANTRY_BUILD_BENCH=ON (Release); default
# build/release. Files go to a scratch directory under ${TMPDIR:-/var/tmp} (a disk, not
# tmpfs, when TMPDIR is unset), removed afterwards.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build/release}
runs=${2:-5}
children=${3:-16}
mib=${4:-50}
secrets=${5:-0}
driver=$build/bin/stream-throughput
gen=$build/bin/stream-throughput-gen
for binary in "$driver" "$gen"; do
  if [[ ! -x $binary ]]; then
    echo "missing $binary: cmake -B $build -DCMAKE_BUILD_TYPE=Release -DGANTRY_BUILD_BENCH=ON" \
         "&& cmake --build $build --target bench_stream_throughput bench_stream_throughput_gen" >&2
    exit 2
  fi
done
work=$(mktemp -d "${TMPDIR:-/var/tmp}/gantry-stream-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
bytes=$((mib * 1024 * 1024))

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

direct=()
injected=()
direct_cpu=()
injected_cpu=()
for i in $(seq "$runs"); do
  for mode in direct injected; do
    rm -rf "${work:?}"/*
    sync
    # "<mode> <bytes> <seconds> <cpu-seconds> <MiB/s>"
    result=$("$driver" "$mode" "$gen" "$work" "$children" "$bytes" "$secrets")
    read -r _ _ _ cpu rate <<< "$result"
    echo "run $i: $result" >&2
    if [[ $mode == direct ]]; then
      direct+=("$rate") direct_cpu+=("$cpu")
    else
      injected+=("$rate") injected_cpu+=("$cpu")
    fi
  done
done
d=$(printf '%s\n' "${direct[@]}" | median)
j=$(printf '%s\n' "${injected[@]}" | median)
dc=$(printf '%s\n' "${direct_cpu[@]}" | median)
jc=$(printf '%s\n' "${injected_cpu[@]}" | median)
echo "children: $children x $mib MiB, secrets: $secrets, runs: $runs (median)"
echo "direct to files:        $d MiB/s  (cpu ${dc}s, generators included)"
echo "through stream inject:  $j MiB/s  (cpu ${jc}s, generators included)"
awk -v d="$d" -v j="$j" 'BEGIN { r = 100 * j / d
  printf "ratio:                  %.0f%%\n", r
  printf "target stream injection >= 90%% of a raw copy to files: %.0f%%: %s\n", r, (r >= 90 ? "met" : "NOT met") }'
