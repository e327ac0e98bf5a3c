#!/usr/bin/env python3
"""The Python half of bench/throttle-api.sh: writes the deployments, reads one run's
records, and reports. Not meant to be run by hand (the script passes every argument).

    throttle-api.py gen OUT_DIR --prog P --socket S --api NAME=T:C,... [--api ...]
                    [--n 200] [--seed 1] [--calls 3] [--min-ms 100] [--max-ms 500]
                    [--high 16] [--low 2] [--mid 5] [--adaptive-start 0]
        OUT_DIR/<configuration>/gantry.toml for every configuration (same components, same
        DAG, same calls; only [limits], and for fixed-high-retry the components' retry
        settings, differ) and OUT_DIR/dag.json (the DAG's figures, printed too).
    throttle-api.py round OUT_JSON --config NAME --round R --server-log LOG
                    --summary FILE --events FILE --start-ns REALTIME_NS --wall-ns NS
                    --exit-code RC [--step 0.5]
        One run's figures as JSON; prints one line.
    throttle-api.py report RESULT_JSON --dag DAG_JSON --meta META_JSON ROUND_JSON...
        Medians per configuration, ratios, the adaptive limit trace; prints the table and
        writes the result file (schema: bench/throttle-api.schema.json).

The DAG: N components in 4 layers (10%, 30%, 40%, 20% of N, like network -> clusters ->
services -> DNS); each component past the first layer depends on 1 or 2 (even odds)
components of the layer before, of any group. Components are spread evenly over the
groups (one per --api, in order) at random. Each makes --calls calls of a duration drawn
uniformly from [--min-ms, --max-ms] to its group's API, one after the other; a refused
call fails it at once (the calls before it are lost work, as when a real tool stops).
"""
import argparse
import datetime
import json
import os
import random
import sys

GROUP_LAYERS = (0.1, 0.3, 0.4, 0.2)
THROTTLE_PATTERNS = [r"\b429\b", "Too Many Requests"]


def parse_schedule(spec):
    name, _, steps = spec.partition("=")
    rows = []
    for step in steps.split(","):
        t, _, c = step.partition(":")
        rows.append([float(t), int(c)])
    return name, rows


def capacity_at(schedule, t):
    cap = schedule[0][1]
    for start, c in schedule:
        if start <= t:
            cap = c
    return cap


def api_bound(schedule, work_s):
    """The earliest time at which work_s seconds of calls can be done through the API
    (every slot busy from time 0: no DAG, no overhead)."""
    done, t = 0.0, 0.0
    for i, (start, cap) in enumerate(schedule):
        end = schedule[i + 1][0] if i + 1 < len(schedule) else float("inf")
        if cap > 0 and done + cap * (end - start) >= work_s:
            return start + (work_s - done) / cap
        done += cap * (end - start)
        t = end
    return t


# ---------------------------------------------------------------------------- gen

def configurations(a):
    """name -> ([limits] lines for one group, component extra lines, description)."""
    throttle_on = "throttle_on = " + json.dumps(THROTTLE_PATTERNS)
    start = f", start = {a.adaptive_start}" if a.adaptive_start else ""
    return {
        "fixed-high": (f"{a.high}", [throttle_on],
                       f"fixed limit {a.high} per group; components throttle_on 429"),
        "fixed-low": (f"{a.low}", [throttle_on],
                      f"fixed limit {a.low} per group; components throttle_on 429"),
        "fixed-mid": (f"{a.mid}", [throttle_on],
                      f"fixed limit {a.mid} per group; components throttle_on 429"),
        "adaptive": (f"{{ max = {a.high}, min = 1{start}, adaptive = true }}", [throttle_on],
                     f"adaptive, max {a.high}, min 1, start {a.adaptive_start or a.high}; "
                     "components throttle_on 429"),
        "fixed-high-retry": (f"{a.high}",
                             ["retries = 10", "retry_on = " + json.dumps(THROTTLE_PATTERNS)],
                             f"fixed limit {a.high} per group; components retries = 10, "
                             "retry_on 429 (retried in place, holding the slot)"),
    }


def cmd_gen(argv):
    p = argparse.ArgumentParser(prog="throttle-api.py gen")
    p.add_argument("out")
    p.add_argument("--prog", required=True)
    p.add_argument("--socket", required=True)
    p.add_argument("--api", action="append", required=True)
    p.add_argument("--n", type=int, default=200)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--calls", type=int, default=3)
    p.add_argument("--min-ms", type=int, default=100)
    p.add_argument("--max-ms", type=int, default=500)
    p.add_argument("--high", type=int, default=16)
    p.add_argument("--low", type=int, default=2)
    p.add_argument("--mid", type=int, default=5)
    p.add_argument("--adaptive-start", type=int, default=0)
    a = p.parse_args(argv)

    rng = random.Random(a.seed)
    schedules = dict(parse_schedule(s) for s in a.api)
    groups = list(schedules)
    n = a.n
    names = [f"c{i:03d}" for i in range(n)]
    group_of = [groups[i % len(groups)] for i in range(n)]
    rng.shuffle(group_of)
    calls = [[rng.randint(a.min_ms, a.max_ms) for _ in range(a.calls)] for _ in range(n)]
    bounds, acc = [], 0.0
    for f in GROUP_LAYERS:
        acc += f
        bounds.append(round(acc * n))
    layers, first = [], 0
    for b in bounds:
        layers.append(list(range(first, b)))
        first = b
    deps = [[] for _ in range(n)]
    for li in range(1, len(layers)):
        prev = layers[li - 1]
        for i in layers[li]:
            k = min(len(prev), rng.choice((1, 2)))
            deps[i] = sorted(rng.sample(prev, k))

    # Figures of the DAG: work per group, critical path, API-bound lower bounds.
    dur = [sum(c) / 1000.0 for c in calls]
    finish = [0.0] * n
    for i in range(n):  # deps point to lower indices
        finish[i] = dur[i] + max((finish[d] for d in deps[i]), default=0.0)
    critical = max(finish)
    per_group = {}
    for g in groups:
        members = [i for i in range(n) if group_of[i] == g]
        work = sum(dur[i] for i in members)
        per_group[g] = {
            "components": len(members),
            "work_s": round(work, 3),
            "api_bound_s": round(api_bound(schedules[g], work), 3),
            "fixed_low_bound_s": round(work / a.low, 3),
        }
    lower = max([critical] + [v["api_bound_s"] for v in per_group.values()])
    dag = {
        "components": n,
        "edges": sum(len(d) for d in deps),
        "layers": [len(x) for x in layers],
        "calls_per_component": a.calls,
        "call_ms": [a.min_ms, a.max_ms],
        "seed": a.seed,
        "critical_path_s": round(critical, 3),
        "lower_bound_s": round(lower, 3),
        "groups": per_group,
        "capacity_schedule": schedules,
    }

    configs = configurations(a)
    os.makedirs(a.out, exist_ok=True)
    described = {}
    for name, (limit, extra, text) in configs.items():
        d = os.path.join(a.out, name)
        os.makedirs(d, exist_ok=True)
        lines = ["# Generated by bench/throttle-api.sh: " + text, "",
                 "[gantry]", "max_concurrency = 1", "", "[limits]"]
        lines += [f'{json.dumps(g)} = {limit}' for g in groups]
        lines.append("")
        for i in range(n):
            argv_ = [a.prog, "call", a.socket, group_of[i]] + [str(ms) for ms in calls[i]]
            lines.append(f'[components.{names[i]}]')
            lines.append('type = "custom"')
            lines.append(f'group = {json.dumps(group_of[i])}')
            lines.append("commands.apply = " + json.dumps(argv_))
            if deps[i]:
                lines.append("depends_on = " + json.dumps([names[d] for d in deps[i]]))
            lines += extra
            lines.append("")
        with open(os.path.join(d, "gantry.toml"), "w") as f:
            f.write("\n".join(lines))
        described[name] = {"limit": limit, "components": extra, "description": text}
    dag["configurations"] = described
    with open(os.path.join(a.out, "dag.json"), "w") as f:
        json.dump(dag, f, indent=1)
    print(f"dag: {n} components, {dag['edges']} edges, layers {dag['layers']}, "
          f"{a.calls} calls of {a.min_ms}-{a.max_ms} ms each; critical path "
          f"{critical:.2f} s; API-bound lower bound {lower:.2f} s")
    for g, v in per_group.items():
        sched = ",".join(f"{t:g}:{c}" for t, c in schedules[g])
        print(f"  {g}: {v['components']} components, {v['work_s']:.1f} s of calls, capacity "
              f"{sched} -> at best {v['api_bound_s']:.1f} s; at limit {a.low} "
              f">= {v['fixed_low_bound_s']:.1f} s")


# -------------------------------------------------------------------------- round

def parse_time(text):
    """RFC 3339 UTC ('2026-12-05T03:20:01.123456Z') -> seconds since the epoch."""
    text = text.rstrip("Z")
    main, _, frac = text.partition(".")
    t = datetime.datetime.strptime(main, "%Y-%m-%dT%H:%M:%S").replace(
        tzinfo=datetime.timezone.utc).timestamp()
    return t + (float("0." + frac) if frac else 0.0)


def read_server_log(path):
    start, apis, events = None, {}, []
    with open(path) as f:
        for line in f:
            if line.startswith("# start "):
                start = float(line.split()[2])
            elif line.startswith("# api "):
                _, _, name, sched = line.split()
                apis[name] = parse_schedule(f"{name}={sched}")[1]
            elif line.startswith("#") or not line.strip():
                continue
            else:
                t, api, event, in_flight, cap, _, who = line.split()
                events.append((float(t), api, event, int(in_flight), int(cap), who))
    return start, apis, events


def read_events(path):
    """The --events file, tolerating a last line cut short (the journal's rule)."""
    out = []
    if not os.path.exists(path):
        return out
    with open(path) as f:
        lines = f.read().splitlines()
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            if i != len(lines) - 1:
                raise
    return out


def in_flight_trace(events, apis, offset, step, end):
    """Per group and window of `step` s: [t, group, most calls in flight, capacity at t]."""
    rows = []
    for api, sched in apis.items():
        mine = [e for e in events if e[1] == api]
        level, j, t = 0, 0, 0.0
        while t < end:
            peak = level
            while j < len(mine) and mine[j][0] + offset < t + step:
                level = mine[j][3]
                peak = max(peak, level)
                j += 1
            rows.append([round(t, 3), api, peak, capacity_at(sched, t - offset)])
            t += step
    rows.sort(key=lambda r: (r[0], r[1]))
    return rows


def cmd_round(argv):
    p = argparse.ArgumentParser(prog="throttle-api.py round")
    p.add_argument("out")
    p.add_argument("--config", required=True)
    p.add_argument("--round", type=int, required=True)
    p.add_argument("--server-log", required=True)
    p.add_argument("--summary", required=True)
    p.add_argument("--events", required=True)
    p.add_argument("--start-ns", type=int, required=True)
    p.add_argument("--wall-ns", type=int, required=True)
    p.add_argument("--exit-code", type=int, required=True)
    p.add_argument("--step", type=float, default=0.5)
    a = p.parse_args(argv)

    makespan = a.wall_ns / 1e9
    a.start = a.start_ns / 1e9
    # The server's clock starts a little before gantry's: its times, shifted by `offset`,
    # are seconds since gantry started, as every time in the result.
    server_start, apis, sevents = read_server_log(a.server_log)
    offset = server_start - a.start
    refused, accepted, gone, peak = {}, {}, {}, {}
    for t, api, event, in_flight, cap, _ in sevents:
        if event == "refuse":
            refused[api] = refused.get(api, 0) + 1
        elif event == "accept":
            accepted[api] = accepted.get(api, 0) + 1
            peak[api] = max(peak.get(api, 0), in_flight)
        elif event == "gone":
            gone[api] = gone.get(api, 0) + 1
    # Busy slot-seconds over offered slot-seconds during the run, per API.
    utilisation = {}
    for api, sched in apis.items():
        mine = [e for e in sevents if e[1] == api]
        busy, last_t, level = 0.0, 0.0, 0
        for t, _, _, in_flight, _, _ in mine:
            busy += level * (t - last_t)
            last_t, level = t, in_flight
        offered, end = 0.0, makespan - offset
        for i, (s, c) in enumerate(sched):
            e = sched[i + 1][0] if i + 1 < len(sched) else float("inf")
            if s < end:
                offered += c * (min(e, end) - s)
        utilisation[api] = round(busy / offered, 3) if offered else None

    with open(a.summary) as f:
        summary = json.load(f)
    counts = summary["counts"]
    # How long components were ready but not running, summed by the reason gantry gives
    # each (its wait_reason: the reason for most of its wait, which takes the whole).
    waits = {}
    for c in summary["components"]:
        if c.get("ready_wait_seconds"):
            why = c.get("wait_reason") or "unknown"
            waits[why] = waits.get(why, 0.0) + c["ready_wait_seconds"]

    events = read_events(a.events)
    schema = max((e.get("schema", 1) for e in events), default=None)
    starts, retrying, trace, deferred = 0, 0, [], {}
    for e in events:
        kind = e.get("event")
        if kind == "component_started":
            starts += 1
        elif kind == "component_retrying":
            retrying += 1
        elif kind == "limit_changed":
            t = parse_time(e["time"]) - a.start
            trace.append([round(t, 3), e["group"], e["from"], e["to"], e["why"]])
        elif kind == "component_deferred":
            reason = e.get("reason", "?")
            deferred[reason] = deferred.get(reason, 0) + 1
    # Gantry's count of throttled attempts, to check the API's against: each throttle
    # defers its component with a back-off, except a component's last (it gives up after
    # 11 in a row, or, in fixed-high-retry, each retried one and the one after its last
    # retry). Here a component fails only on a 429, so failed components count once each.
    by_gantry = deferred.get("backoff", 0) + retrying + counts.get("failed", 0)
    throttled = sum(refused.values())
    # Gantry's limit changes and deferrals are in --events since its schema 2 (the
    # admission events); without those there is neither trace nor count, rather than ones
    # made up here.
    if schema is None or schema < 2:
        trace, by_gantry = None, None
    result = {
        "config": a.config,
        "round": a.round,
        "run_id": summary.get("run_id"),
        "exit_code": a.exit_code,
        "makespan_s": round(makespan, 3),
        "ok": counts.get("ok", 0),
        "failed": counts.get("failed", 0),
        "skipped": counts.get("skipped", 0),
        "cancelled": counts.get("cancelled", 0),
        "throttled_attempts": throttled,
        "throttled_by_group": dict(sorted(refused.items())),
        "accepted_calls": sum(accepted.values()),
        "abandoned_calls": sum(gone.values()),
        "peak_in_flight": dict(sorted(peak.items())),
        "api_utilisation": utilisation,
        "component_starts": starts,
        "component_attempts": sum(c.get("attempts") or 0 for c in summary["components"]),
        "ready_wait_s": {k: round(v, 3) for k, v in sorted(waits.items())},
        "gantry": {
            "events_schema": schema,
            "deferred_events": deferred,
            "retrying_events": retrying,
            "throttled_attempts": by_gantry,
            "agrees": None if by_gantry is None else by_gantry == throttled,
        },
        "limit_trace": sorted(trace) if trace is not None else None,
        "in_flight_trace": in_flight_trace(sevents, apis, offset, a.step, makespan),
        "server_offset_s": round(offset, 4),
    }
    with open(a.out, "w") as f:
        json.dump(result, f)
    if by_gantry is None:
        cross = "gantry: no admission events"
    elif by_gantry == throttled:
        cross = f"gantry: {by_gantry}"
    else:
        cross = f"MISMATCH: gantry counted {by_gantry}"
    print(f"  round {a.round} {a.config:<16} {makespan:7.2f} s  ok {result['ok']:3d}  failed "
          f"{result['failed']:3d}  skipped {result['skipped']:3d}  throttled "
          f"{throttled:4d} ({cross})  calls accepted {result['accepted_calls']}  "
          f"exit {a.exit_code}")
    if by_gantry is not None and by_gantry != throttled:
        print(f"    the API refused {throttled} calls; gantry deferred {deferred.get('backoff', 0)} "
              f"after a back-off, retried {retrying}, failed {counts.get('failed', 0)}",
              file=sys.stderr)


# ------------------------------------------------------------------------- report

def median(values):
    """The lower middle for an even count, as bench/sched-common.sh."""
    v = sorted(values)
    return v[(len(v) - 1) // 2]


def cmd_report(argv):
    p = argparse.ArgumentParser(prog="throttle-api.py report")
    p.add_argument("out")
    p.add_argument("--dag", required=True)
    p.add_argument("--meta", required=True)
    p.add_argument("--trace-group", default=None)
    p.add_argument("rounds", nargs="+")
    a = p.parse_args(argv)
    with open(a.dag) as f:
        dag = json.load(f)
    with open(a.meta) as f:
        meta = json.load(f)
    rounds = []
    for path in a.rounds:
        with open(path) as f:
            rounds.append(json.load(f))
    order = []
    for r in rounds:
        if r["config"] not in order:
            order.append(r["config"])

    configs = []
    for name in order:
        mine = sorted((r for r in rounds if r["config"] == name), key=lambda r: r["round"])
        med = {k: median([r[k] for r in mine])
               for k in ("makespan_s", "throttled_attempts", "ok", "failed", "skipped",
                         "accepted_calls")}
        # The round whose makespan is the median: its traces stand for the configuration.
        med_round = next(r for r in mine if r["makespan_s"] == med["makespan_s"])["round"]
        reasons = sorted({k for r in mine for k in r["ready_wait_s"]})
        med["ready_wait_s"] = {k: median([r["ready_wait_s"].get(k, 0.0) for r in mine])
                               for k in reasons}
        configs.append({
            "name": name,
            "settings": dag["configurations"][name],
            "median": med,
            "median_round": med_round,
            "all_ok": all(r["ok"] == dag["components"] for r in mine),
            "rounds": mine,
        })
    by = {c["name"]: c for c in configs}
    ratios = {}
    if "adaptive" in by:
        ad = by["adaptive"]["median"]
        for other in by:
            if other == "adaptive":
                continue
            o = by[other]["median"]
            ratios[f"adaptive/{other}"] = {
                "makespan": round(ad["makespan_s"] / o["makespan_s"], 3),
                "throttled_attempts": (round(ad["throttled_attempts"] / o["throttled_attempts"], 3)
                                       if o["throttled_attempts"] else None),
            }
    trace_available = any(r["limit_trace"] is not None for r in rounds)
    checks = {}
    if all(r["gantry"]["agrees"] is not None for r in rounds):
        checks["throttled_counts_agree"] = all(r["gantry"]["agrees"] for r in rounds)
    if "adaptive" in by:
        ad = by["adaptive"]
        checks["adaptive_all_ok"] = ad["all_ok"]
        if "fixed-high" in by:
            checks["adaptive_fewer_throttled_than_fixed_high"] = (
                ad["median"]["throttled_attempts"] < by["fixed-high"]["median"]["throttled_attempts"])
        if "fixed-low" in by:
            checks["adaptive_shorter_than_fixed_low"] = (
                ad["median"]["makespan_s"] < by["fixed-low"]["median"]["makespan_s"])
    result = dict(meta)
    result.update({
        "dag": {k: v for k, v in dag.items() if k not in ("capacity_schedule", "configurations")},
        "capacity_schedule": dag["capacity_schedule"],
        "configurations": configs,
        "ratios": ratios,
        "limit_trace_available": trace_available,
        "checks": checks,
    })
    with open(a.out, "w") as f:
        json.dump(result, f, indent=1)
        f.write("\n")

    rounds_n = len(configs[0]["rounds"]) if configs else 0
    print()
    print(f"medians of {rounds_n} rounds (API-bound lower bound {dag['lower_bound_s']:.2f} s):")
    print("| configuration | makespan s | throttled attempts | ok | failed | skipped | "
          "calls accepted | rounds: makespan s / throttled |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for c in configs:
        m = c["median"]
        each = ", ".join(f"{r['makespan_s']:.1f}/{r['throttled_attempts']}" for r in c["rounds"])
        print(f"| {c['name']} | {m['makespan_s']:.2f} | {m['throttled_attempts']} | {m['ok']} | "
              f"{m['failed']} | {m['skipped']} | {m['accepted_calls']} | {each} |")
    for k, v in ratios.items():
        tr = "n/a" if v["throttled_attempts"] is None else f"{v['throttled_attempts']:.3f}"
        print(f"{k}: makespan {v['makespan']:.3f}, throttled attempts {tr}")
    print("ready but waiting, s summed over components by their wait_reason (medians):")
    for c in configs:
        waits = c["median"]["ready_wait_s"]
        text = ", ".join(f"{k} {v:.1f}" for k, v in waits.items()) or "none"
        print(f"  {c['name']}: {text}")

    if "adaptive" in by:
        ad = by["adaptive"]
        r = next(x for x in ad["rounds"] if x["round"] == ad["median_round"])
        groups = list(dag["capacity_schedule"])
        group = a.trace_group or groups[0]
        sched = dag["capacity_schedule"].get(group, [[0, 0]])
        if r["limit_trace"] is None:
            print("limit trace: none, this gantry's --events has no limit_changed events "
                  "(schema 2); a gantry with the admission events writes them")
        else:
            # Each change next to the API's capacity then (its schedule runs from the
            # server's start, server_offset_s after gantry's).
            rows = [x for x in r["limit_trace"] if x[1] == group]
            text = " ".join(f"{t:.2f}s:{was}->{to}({'429' if why == 'throttled' else '+1'},"
                            f"C{capacity_at(sched, t - r['server_offset_s'])})"
                            for t, _, was, to, why in rows) or "no change"
            print(f"gantry's limit trace, {group}, adaptive round {r['round']} "
                  f"(time: from->to (why, API capacity)): {text}")
        # What the API saw meanwhile: most calls in flight per second, against capacity.
        rows = [x for x in r["in_flight_trace"] if x[1] == group]
        per_s = {}
        for t, _, peak, cap in rows:
            s = int(t)
            old = per_s.get(s, (0, cap))
            per_s[s] = (max(old[0], peak), old[1])
        text = " ".join(f"{s}:{p}/{c}" for s, (p, c) in sorted(per_s.items()))
        print(f"in flight/capacity per second, {group}, adaptive round {r['round']}: {text}")
    for k, v in checks.items():
        print(f"check {k}: {'yes' if v else 'NO'}")
    print(f"result: {a.out}")


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in ("gen", "round", "report"):
        print(__doc__, file=sys.stderr)
        return 2
    {"gen": cmd_gen, "round": cmd_round, "report": cmd_report}[sys.argv[1]](sys.argv[2:])
    return 0


if __name__ == "__main__":
    sys.exit(main())
