# Shared by bench/makespan.sh and bench/spawn-overhead.sh (sourced, not run).
# Runs gantry, ninja and make over a DAG written by bench/gen-dag.py, each from a clean
# state, and times them.

# Times "$@": prints its wall time in ns and its CPU time (user + system, children
# included) in ms; its own output goes to $work/last.log. Returns the command's status.
time_run() {
  local start end cpu rc=0 TIMEFORMAT='%3U %3S'
  start=$(date +%s%N)
  { time "$@" > "$work/last.log" 2>&1; } 2> "$work/last.time" || rc=$?
  end=$(date +%s%N)
  [ "$rc" = 0 ] || return "$rc"
  cpu=$(awk '{ printf "%d", ($1 + $2) * 1000 }' "$work/last.time")
  echo "$((end - start)) $cpu"
}

# One timed run from a clean state; a failed run stops the benchmark (timing a failing
# run means nothing).
run_timed() {  # run_timed TOOL DIR K >> times file
  "clean_$1" "$2"
  if time_run "run_$1" "$2" "$3"; then return 0; fi
  echo "FAILED: $1 $2 -j $3" >&2
  grep -v '^t[0-9]' "$work/last.log" | tail -20 >&2
  exit 1
}

# clean_TOOL DIR: the state a fresh run starts from. Not timed.
# gantry's old .gantry (tens of thousands of files and directories for a big DAG) is moved
# aside, not deleted: on ext4 without a journal (as on this VM's disk) the inode allocator
# skips inodes freed in the last minute one by one, so a mass delete right before a timed
# run slows every file that run creates (measured: +0.3-0.5 ms per task at N=2000). The
# moved trees go with $work at exit.
clean_gantry() {
  if [ -e "$1/gantry/.gantry" ]; then mv "$1/gantry/.gantry" "$(mktemp -d -p "$work" trash.XXXXXX)/"; fi
}
# A second apply of the same deployment: the state directories, lock files and recorded
# durations of the first one are there (the usual case), each run adds its own records.
clean_gantry_again() { :; }
run_gantry_again() { run_gantry "$@"; }
clean_ninja() { rm -rf "$1/ninja/out" "$1/ninja/.ninja_log" "$1/ninja/.ninja_deps"; mkdir "$1/ninja/out"; }
clean_make() { rm -rf "$1/make/out"; mkdir "$1/make/out"; }

# run_TOOL DIR K: one run with K slots. PIN=CPUS runs every tool under `taskset -c CPUS`:
# on this project's VMs, where the kernel places each new process is part of what a chain
# costs (bench/placement.sh).
pinned=()
[ -z "${PIN:-}" ] || pinned=(taskset -c "$PIN")
run_gantry() { "${pinned[@]}" "$gantry" -f "$1/gantry/gantry.toml" apply -j "$2" --output quiet; }
run_ninja() { "${pinned[@]}" ninja -C "$1/ninja" -j "$2"; }
run_make() { "${pinned[@]}" make -C "$1/make" -j "$2"; }

# The median of the numbers on stdin (the lower middle for an even count).
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# With MAX_LOAD set: waits (at most MAX_WAIT seconds, default 900) until the 1-minute load
# average is below MAX_LOAD and no compiler (cc1plus, cc1) is running, i.e. until the other
# users of the machine pause. Counts the rounds that ran without it in $noisy_rounds.
noisy_rounds=0
wait_quiet() {
  [ -n "${MAX_LOAD:-}" ] || return 0
  local waited=0
  while awk -v m="$MAX_LOAD" '{ exit !($1 >= m) }' /proc/loadavg || pgrep -x 'cc1plus|cc1' > /dev/null; do
    if [ "$waited" -ge "${MAX_WAIT:-900}" ]; then
      noisy_rounds=$((noisy_rounds + 1))
      return 0
    fi
    sleep 5
    waited=$((waited + 5))
  done
}

# measure DIR K TOOLS...: RUNS runs of each tool, interleaved (so that a change of load
# hits every tool alike); sets med_TOOL to the median wall time in ns, cpu_TOOL to the
# median CPU time in ms, and all_TOOL to every wall time in ms.
measure() {
  local dir=$1 k=$2
  shift 2
  local tool r
  for tool in "$@"; do : > "$work/times.$tool"; done
  for r in $(seq "$RUNS"); do
    wait_quiet
    for tool in "$@"; do
      run_timed "$tool" "$dir" "$k" >> "$work/times.$tool"
    done
  done
  for tool in "$@"; do
    printf -v "med_$tool" '%s' "$(cut -d' ' -f1 "$work/times.$tool" | median)"
    printf -v "cpu_$tool" '%s' "$(cut -d' ' -f2 "$work/times.$tool" | median)"
    printf -v "all_$tool" '%s' "$(awk '{ printf "%s%d", (NR > 1 ? " " : ""), $1 / 1e6 }' "$work/times.$tool")"
  done
}

# paired_ratio A B: the median over rounds of (A's wall time / B's) from the last measure:
# each round runs both under about the same load, so this is steadier than a ratio of
# medians when the load drifts.
paired_ratio() {
  paste -d' ' "$work/times.$1" "$work/times.$2" | awk '{ print $1 / $3 }' | median
}

# Float arithmetic: calc EXPR (awk syntax) prints the result.
calc() { awk "BEGIN { print $* }"; }

machine_note() {
  echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -sr)"
  echo "tools: $("$gantry" --version 2>/dev/null | head -1), ninja $(ninja --version), $(make --version | head -1)"
  echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)${MAX_LOAD:+; each round waits for load < $MAX_LOAD and no compiler running}"
  [ -z "${PIN:-}" ] || echo "every tool pinned: taskset -c $PIN"
}
