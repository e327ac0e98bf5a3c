#!/usr/bin/env bash
# Adaptive admission against a simulated throttling API (issue 20, item 5): the same DAG of
# N custom components in 3 groups, each group calling its own API whose capacity changes
# during the run, applied with a fixed group limit too high, a fixed limit too low, and an
# adaptive limit. Per configuration: makespan, components ok/failed, throttled attempts
# (counted by the API), how long components waited ready and why, and, for adaptive, the
# group limits' trace over time as gantry records it.
#
#   bench/throttle-api.sh [BUILD_DIR]      (default build/release; needs bin/gantry and
#                                          the bundled custom plugin)
#   env: ROUNDS=3 N=200 SEED=1 CALLS=3 MIN_MS=100 MAX_MS=500 J=48 HIGH=16 LOW=2 MID=5
#        ADAPTIVE_START=0 (0: start at HIGH) REFUSE_MS=20
#        CONFIGS="fixed-high fixed-low adaptive" (also: fixed-mid, fixed-high-retry)
#        API_A="0:8,8:3,18:6" API_B="0:4,10:10" API_GCP="0:6" (T:C,...: from T s on, at
#          most C calls in flight)
#        APIS="NAME=T:C,... ..." (instead of the three above: any groups, one API each)
#        RESULT=BUILD_DIR/throttle-api-result.json TRACE_GROUP=aws-a (with APIS: the
#          first) KEEP=0 (1: keep the work dir)
#        MAX_LOAD=L [MAX_WAIT=900]: before each round, wait for the machine to be quiet
#
# The API (bench/throttle-api.c, built here with cc): one server on a Unix socket holding
# the three APIs; a component's command is `throttle-api call SOCKET GROUP MS MS MS`, one
# call after the other; a call beyond the API's capacity is refused after REFUSE_MS with
# "429 Too Many Requests" on stderr and the component exits 1. Each run gets a fresh
# server, so every run sees the schedule from its own start; the server logs every accept
# and refusal, which is where the throttled attempts are counted. Gantry's own account is
# the cross-check, and must be equal: its component_deferred events with reason "backoff"
# (one per throttle), plus its retries (fixed-high-retry) and failed components (a last
# refusal); a round that differs says MISMATCH, and the result's checks say so.
#
# bench/throttle-api.py writes the deployments (one per configuration: same components,
# DAG and calls), reads each run (the API's log, --summary, --events) and reports. The
# limit's trace is gantry's: its limit_changed events (--events schema 2); a gantry
# without them gets "limit trace: none" and a null trace, nothing reconstructed.
#
# Every component has throttle_on = ["\b429\b", "Too Many Requests"] in every
# configuration (fixed-high-retry instead: retries = 10, retry_on the same), so that a
# refused attempt is deferred with gantry's back-off (1 s, doubled per throttle of that
# component, up to 60 s; not configurable) rather than failing the run: that is what a
# user without adaptive limits would write, and it leaves the group limit as the only
# difference between fixed-high, fixed-low and adaptive. Runs use -k and -j J (J >= the
# sum of the group limits, so the group limits decide), each from a clean .gantry;
# configurations are interleaved round by round; the table gives medians.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../build/release}" && pwd)
gantry=$build/bin/gantry
ROUNDS=${ROUNDS:-3}
N=${N:-200}
SEED=${SEED:-1}
CALLS=${CALLS:-3}
MIN_MS=${MIN_MS:-100}
MAX_MS=${MAX_MS:-500}
J=${J:-48}
HIGH=${HIGH:-16}
LOW=${LOW:-2}
MID=${MID:-5}
ADAPTIVE_START=${ADAPTIVE_START:-0}
REFUSE_MS=${REFUSE_MS:-20}
CONFIGS=${CONFIGS:-fixed-high fixed-low adaptive}
API_A=${API_A:-0:8,8:3,18:6}
API_B=${API_B:-0:4,10:10}
API_GCP=${API_GCP:-0:6}
if [ -n "${APIS:-}" ]; then
  read -r -a apis <<< "$APIS"
else
  apis=("aws-a=$API_A" "aws-b=$API_B" "gcp=$API_GCP")
fi
RESULT=${RESULT:-$build/throttle-api-result.json}
TRACE_GROUP=${TRACE_GROUP:-${apis[0]%%=*}}
KEEP=${KEEP:-0}

work=$(mktemp -d)
server_pid=
# Nothing outlives the script: the server goes with it, on success, error or Ctrl-C (the
# server also ends when this shell dies, PR_SET_PDEATHSIG, and after 15 minutes anyway).
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2> /dev/null || true
    wait "$server_pid" 2> /dev/null || true
  fi
  if [ "$KEEP" = 1 ]; then echo "work dir kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# shellcheck source=bench/sched-common.sh
. "$here/sched-common.sh"  # median, calc, wait_quiet, clean_gantry

cc -O2 -o "$work/throttle-api" "$here/throttle-api.c"
api=$work/throttle-api
sock=$work/api.sock
for c in $CONFIGS; do
  case $c in
    fixed-high | fixed-low | fixed-mid | adaptive | fixed-high-retry) ;;
    *) echo "unknown configuration $c" >&2; exit 2 ;;
  esac
done

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -sr)"
echo "gantry: $("$gantry" --version 2>/dev/null | head -1)"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)${MAX_LOAD:+; each round waits for load < $MAX_LOAD and no compiler running}"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
gen_args=(--prog "$api" --socket "$sock" --n "$N" --seed "$SEED" --calls "$CALLS"
          --min-ms "$MIN_MS" --max-ms "$MAX_MS" --high "$HIGH" --low "$LOW" --mid "$MID"
          --adaptive-start "$ADAPTIVE_START")
for a in "${apis[@]}"; do gen_args+=(--api "$a"); done
python3 "$here/throttle-api.py" gen "$work/dag" "${gen_args[@]}"
echo "rounds: $ROUNDS, configurations: $CONFIGS, -j $J, refusal after $REFUSE_MS ms"

start_server() {  # start_server LOG
  "$api" serve "$sock" "$1" --refuse-ms "$REFUSE_MS" --lifetime 900 "${apis[@]}" &
  server_pid=$!
  local _
  for _ in $(seq 500); do
    [ -S "$sock" ] && return 0
    kill -0 "$server_pid" 2> /dev/null || break
    sleep 0.01
  done
  echo "the simulated API did not start" >&2
  exit 1
}
stop_server() {
  "$api" quit "$sock" 2> /dev/null || kill "$server_pid" 2> /dev/null || true
  wait "$server_pid" 2> /dev/null || true
  server_pid=
}

mkdir -p "$work/rounds"
round_files=()
for r in $(seq "$ROUNDS"); do
  wait_quiet
  for c in $CONFIGS; do
    dir=$work/dag/$c
    if [ -e "$dir/.gantry" ]; then mv "$dir/.gantry" "$(mktemp -d -p "$work" trash.XXXXXX)/"; fi
    run=$work/rounds/$c.$r
    start_server "$run.server.log"
    t0=$(date +%s%N)
    rc=0
    "$gantry" -f "$dir/gantry.toml" apply -j "$J" -k --output quiet \
      --summary "$run.summary.json" --events "$run.events.jsonl" > "$run.out" 2>&1 || rc=$?
    t1=$(date +%s%N)
    stop_server
    if [ ! -s "$run.summary.json" ]; then
      echo "FAILED: $c round $r: no summary (exit $rc)" >&2
      tail -20 "$run.out" >&2
      exit 1
    fi
    python3 "$here/throttle-api.py" round "$run.json" --config "$c" --round "$r" \
      --server-log "$run.server.log" --summary "$run.summary.json" \
      --events "$run.events.jsonl" --start-ns "$t0" --wall-ns "$((t1 - t0))" \
      --exit-code "$rc"
    round_files+=("$run.json")
  done
done

commit=$(git -C "$here" rev-parse --short HEAD 2> /dev/null || echo unknown)
dirty=$(git -C "$here" status --porcelain 2> /dev/null | grep -q . && echo true || echo false)
python3 - "$work/meta.json" <<EOF
import json, sys
meta = {
  "benchmark": "throttle-api",
  "schema": 2,
  "date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "commit": "$commit",
  "commit_dirty": $( [ "$dirty" = true ] && echo True || echo False ),
  "gantry_version": "$("$gantry" --version 2> /dev/null | head -1)",
  "machine": {
    "cpus": $(nproc),
    "model": "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')",
    "kernel": "$(uname -sr)",
    "load_before": [float(x) for x in "$load_before".split()],
    "load_after": [float(x) for x in "$(cut -d' ' -f1-3 /proc/loadavg)".split()],
  },
  "parameters": {
    "rounds": $ROUNDS, "n": $N, "seed": $SEED, "calls_per_component": $CALLS,
    "call_ms": [$MIN_MS, $MAX_MS], "max_concurrency": $J, "high": $HIGH, "low": $LOW,
    "mid": $MID, "adaptive_start": $ADAPTIVE_START or $HIGH, "refuse_ms": $REFUSE_MS,
    "configurations": "$CONFIGS".split(),
  },
}
json.dump(meta, open(sys.argv[1], "w"))
EOF
python3 "$here/throttle-api.py" report "$RESULT" --dag "$work/dag/dag.json" \
  --meta "$work/meta.json" --trace-group "$TRACE_GROUP" "${round_files[@]}"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)${MAX_LOAD:+; rounds run without waiting for quiet: $noisy_rounds}"
