#!/usr/bin/env python3
"""Writes one random DAG three ways: a gantry.toml, a build.ninja and a Makefile.

    bench/gen-dag.py OUT_DIR [--n 500] [--seed 1] [--in-degree 2] [--mode sleep|noop]
                             [--shape random|chain|none] [--window W] [--estimates] [--stamps | --no-stamps]

Layout written (each tool gets its own directory, so their state never mixes):

    OUT_DIR/gantry/gantry.toml   custom components t0000 .. t<N-1>
    OUT_DIR/ninja/build.ninja    one edge per task, outputs out/tNNNN
    OUT_DIR/make/Makefile        one target per task, out/tNNNN
    OUT_DIR/dag.txt              the DAG itself: "task duration_s dep dep ..." per line

and prints the DAG's figures as `key=value` lines (also in OUT_DIR/stats.txt):
n, edges, total_work_s, critical_path_s, dur_mean_s, dur_min_s, dur_max_s.
Lower bound of the makespan with K slots: max(critical_path_s, total_work_s / K).
Mode sleep also prints, for each K of --sim-ks (default 4,8), the makespan of a list
schedule with zero overhead per task (a slot never idles while a task is ready), under
three priority rules for the ready tasks:
  sim_K<k>_cp_count_s  longest remaining path counted in tasks first (gantry's default:
                       every cost is 1), ties by name;
  sim_K<k>_cp_time_s   longest remaining path in seconds first (gantry with
                       estimated_duration);
  sim_K<k>_index_s     lowest task index first (file order: close to what make and
                       ninja 1.11 do in a fresh build, which have no durations).
What a tool measures above its sim_ figure is its per-task overhead, not its ordering.

Graph (seeded, reproducible): tasks are numbered 0..N-1 and edges only go from a lower
to a higher index, so the graph is acyclic.
  random: task i (i >= 1) gets min(i, D) distinct predecessors drawn uniformly from
          0..i-1, where D is drawn per task from a Poisson distribution of mean
          --in-degree (so the average in-degree is about --in-degree; task 0 has none);
          with --window W, drawn from the W tasks before it only (max(0, i-W)..i-1), which
          makes a deeper graph with a longer critical path;
  chain:  task i depends on task i-1;
  none:   no edges.

Durations (mode sleep): lognormal with mu = ln(0.1) - sigma^2/2 and sigma = 0.6, so the
mean is 100 ms and the median 84 ms, clamped to [20 ms, 300 ms] and rounded to the ms
(about 3% of draws hit a clamp); the figures printed are those of the rounded durations.

What each tool runs per task:
  mode sleep:
    gantry: commands.apply = ["sleep", "0.123"]           (argv, no shell)
    ninja:  command = sleep 0.123 && touch out/tNNNN       (ninja always uses /bin/sh -c)
    make:   sleep 0.123 && touch out/tNNNN                 (make uses /bin/sh -c: '&&')
  mode sleep with --no-stamps (each tool then runs exactly one `sleep`):
    ninja:  command = sleep 0.123                          (/bin/sh -c; dash execs sleep)
    make:   sleep 0.123                                    (exec'd directly; .PHONY)
  mode noop, default:
    gantry: commands.apply = ["true"]                      (one process: true)
    ninja:  command = true                                 (one process: /bin/sh -c true;
            dash runs `true` as a builtin; outputs are never created, which ninja does
            not check within one build)
    make:   true                                           (one process: make execs
            `true` directly, no shell: no metacharacters; targets are .PHONY)
  mode noop with --stamps:
    ninja:  command = true && touch out/tNNNN              (two: sh and touch)
    make:   true && touch out/tNNNN                        (two: sh and touch)
--noop-command CMD replaces `true` in mode noop (one word, e.g. /usr/bin/true to skip the
PATH search that execvp/posix_spawnp make for every task).
--estimates adds estimated_duration = "<ms>ms" to each gantry component (gantry then
ranks ready tasks by the longest remaining path in seconds instead of in tasks; ninja
1.11 and make have no such knowledge in a fresh build).
"""

import argparse
import heapq
import math
import os
import random
import sys


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("out_dir")
    p.add_argument("--n", type=int, default=500)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--in-degree", type=float, default=2.0)
    p.add_argument("--mode", choices=["sleep", "noop"], default="sleep")
    p.add_argument("--shape", choices=["random", "chain", "none"], default="random")
    p.add_argument("--window", type=int, default=0, help="0: all earlier tasks")
    p.add_argument("--sigma", type=float, default=0.6)
    p.add_argument("--mean-ms", type=float, default=100.0)
    p.add_argument("--min-ms", type=int, default=20)
    p.add_argument("--max-ms", type=int, default=300)
    p.add_argument("--noop-command", default="true",
                   help="mode noop: the command each task runs (e.g. /usr/bin/true)")
    p.add_argument("--sim-ks", default="4,8", help="mode sleep: K values to simulate")
    p.add_argument("--estimates", action="store_true")
    p.add_argument("--stamps", action="store_true", help="mode noop: touch a stamp too")
    p.add_argument("--no-stamps", action="store_true", help="mode sleep: no stamp files")
    return p.parse_args()


def poisson(rng, mean):
    # Knuth's method: fine for small means.
    limit, k, prod = math.exp(-mean), 0, rng.random()
    while prod > limit:
        k += 1
        prod *= rng.random()
    return k


def make_dag(args):
    rng = random.Random(args.seed)
    n = args.n
    deps = [[] for _ in range(n)]
    for i in range(1, n):
        if args.shape == "chain":
            deps[i] = [i - 1]
        elif args.shape == "random":
            lo = max(0, i - args.window) if args.window > 0 else 0
            d = min(i - lo, poisson(rng, args.in_degree))
            deps[i] = sorted(rng.sample(range(lo, i), d))
    durations_ms = [0] * n
    if args.mode == "sleep":
        # Durations come from their own generator: the same seed gives the same edges in
        # both modes.
        drng = random.Random(args.seed * 7919 + 17)
        mu = math.log(args.mean_ms / 1000.0) - args.sigma ** 2 / 2
        for i in range(n):
            s = drng.lognormvariate(mu, args.sigma)
            ms = int(round(s * 1000))
            durations_ms[i] = max(args.min_ms, min(args.max_ms, ms))
    return deps, durations_ms


def name(i, n):
    return "t%0*d" % (max(4, len(str(n - 1))), i)


def command_words(args, ms):
    return ["sleep", "%.3f" % (ms / 1000.0)] if args.mode == "sleep" else [args.noop_command]


def shell_command(args, ms, out):
    if args.mode == "sleep":
        if args.no_stamps:
            return "sleep %.3f" % (ms / 1000.0)
        return "sleep %.3f && touch %s" % (ms / 1000.0, out)
    t = args.noop_command
    return "%s && touch %s" % (t, out) if args.stamps else t


def write_gantry(path, args, deps, durs):
    n = args.n
    with open(path, "w") as f:
        f.write("# Generated by bench/gen-dag.py %s\n" % " ".join(sys.argv[1:]))
        f.write("[gantry]\nmax_concurrency = 1\n\n")
        for i in range(n):
            f.write('[components."%s"]\ntype = "custom"\n' % name(i, n))
            words = ", ".join('"%s"' % w for w in command_words(args, durs[i]))
            f.write("commands.apply = [%s]\n" % words)
            if args.estimates and args.mode == "sleep":
                f.write('estimated_duration = "%dms"\n' % durs[i])
            if deps[i]:
                f.write("depends_on = [%s]\n" % ", ".join('"%s"' % name(d, n) for d in deps[i]))
            f.write("\n")


def write_ninja(path, args, deps, durs):
    n = args.n
    with open(path, "w") as f:
        f.write("# Generated by bench/gen-dag.py %s\n" % " ".join(sys.argv[1:]))
        f.write("rule run\n  command = $cmd\n\n")
        for i in range(n):
            out = "out/" + name(i, n)
            ins = " ".join("out/" + name(d, n) for d in deps[i])
            f.write("build %s: run%s\n  cmd = %s\n" % (out, " | " + ins if ins else "",
                                                     shell_command(args, durs[i], out)))
        f.write("\nbuild all: phony %s\ndefault all\n" %
                " ".join("out/" + name(i, n) for i in range(n)))


def write_make(path, args, deps, durs):
    n = args.n
    outs = ["out/" + name(i, n) for i in range(n)]
    with open(path, "w") as f:
        f.write("# Generated by bench/gen-dag.py %s\n" % " ".join(sys.argv[1:]))
        f.write("MAKEFLAGS += -rR\n.SUFFIXES:\n\nall: %s\n.PHONY: all\n" % " ".join(outs))
        if (args.mode == "noop" and not args.stamps) or (args.mode == "sleep" and args.no_stamps):
            f.write(".PHONY: %s\n" % " ".join(outs))
        f.write("\n")
        for i in range(n):
            f.write("%s: %s\n\t@%s\n" % (outs[i], " ".join(outs[d] for d in deps[i]),
                                         shell_command(args, durs[i], outs[i])))


def simulate(deps, durs, n, k, key):
    """Makespan (ms) of a zero-overhead list schedule with k slots; `key(i)` orders ready
    tasks, smallest first."""
    succ = [[] for _ in range(n)]
    waiting = [len(d) for d in deps]
    for i in range(n):
        for d in deps[i]:
            succ[d].append(i)
    ready = [key(i) + (i,) for i in range(n) if waiting[i] == 0]
    heapq.heapify(ready)
    running = []  # (finish time, task)
    now = 0
    while ready or running:
        while ready and len(running) < k:
            i = heapq.heappop(ready)[-1]
            heapq.heappush(running, (now + durs[i], i))
        now, i = heapq.heappop(running)
        done = [i]
        while running and running[0][0] == now:
            done.append(heapq.heappop(running)[1])
        for j in done:
            for s in succ[j]:
                waiting[s] -= 1
                if waiting[s] == 0:
                    heapq.heappush(ready, key(s) + (s,))
    return now


def main():
    args = parse_args()
    deps, durs = make_dag(args)
    n = args.n
    for sub in ("gantry", "ninja/out", "make/out"):
        os.makedirs(os.path.join(args.out_dir, sub), exist_ok=True)
    write_gantry(os.path.join(args.out_dir, "gantry", "gantry.toml"), args, deps, durs)
    write_ninja(os.path.join(args.out_dir, "ninja", "build.ninja"), args, deps, durs)
    write_make(os.path.join(args.out_dir, "make", "Makefile"), args, deps, durs)
    with open(os.path.join(args.out_dir, "dag.txt"), "w") as f:
        for i in range(n):
            f.write("%s %.3f %s\n" % (name(i, n), durs[i] / 1000.0,
                                      " ".join(name(d, n) for d in deps[i])))

    finish = [0] * n  # longest path ending at i, in ms (deps have lower indices)
    for i in range(n):
        finish[i] = durs[i] + max((finish[d] for d in deps[i]), default=0)
    edges = sum(len(d) for d in deps)
    stats = [
        ("n", n),
        ("edges", edges),
        ("total_work_s", "%.3f" % (sum(durs) / 1000.0)),
        ("critical_path_s", "%.3f" % (max(finish) / 1000.0 if n else 0.0)),
        ("dur_mean_s", "%.4f" % (sum(durs) / 1000.0 / n if n else 0.0)),
        ("dur_min_s", "%.3f" % (min(durs) / 1000.0 if n else 0.0)),
        ("dur_max_s", "%.3f" % (max(durs) / 1000.0 if n else 0.0)),
    ]
    if args.mode == "sleep":
        rem_count, rem_time = [0] * n, [0] * n  # longest path from i to the end
        succ = [[] for _ in range(n)]
        for i in range(n):
            for d in deps[i]:
                succ[d].append(i)
        for i in reversed(range(n)):
            rem_count[i] = 1 + max((rem_count[s] for s in succ[i]), default=0)
            rem_time[i] = durs[i] + max((rem_time[s] for s in succ[i]), default=0)
        rules = [
            ("cp_count", lambda i: (-rem_count[i], name(i, n))),
            ("cp_time", lambda i: (-rem_time[i], name(i, n))),
            ("index", lambda i: (i,)),
        ]
        for k in [int(x) for x in args.sim_ks.split(",") if x]:
            for rule, key in rules:
                stats.append(("sim_K%d_%s_s" % (k, rule),
                              "%.3f" % (simulate(deps, durs, n, k, key) / 1000.0)))
    text = "".join("%s=%s\n" % kv for kv in stats)
    with open(os.path.join(args.out_dir, "stats.txt"), "w") as f:
        f.write(text)
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
