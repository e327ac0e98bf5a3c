#!/usr/bin/env bash
# Writes a generated deployment: gen-deployment.sh N EDGES_PER_NODE SEED > gantry.toml
# N custom components; each (past the first few) depends on EDGES_PER_NODE random
# earlier ones, so the graph is acyclic with about N*EDGES_PER_NODE edges.
set -euo pipefail
n=${1:-10000}
k=${2:-3}
seed=${3:-1}
awk -v n="$n" -v k="$k" -v seed="$seed" 'BEGIN {
  srand(seed)
  print "[gantry]\nmax_concurrency = 4\n"
  for (i = 0; i < n; i++) {
    printf "[components.\"c%05d\"]\ntype = \"custom\"\ncommands.apply = [\"true\"]\n", i
    if (i >= k) {
      printf "depends_on = ["
      delete seen
      for (j = 0; j < k; j++) {
        do { d = int(rand() * i) } while (d in seen)
        seen[d] = 1
        printf "%s\"c%05d\"", (j ? ", " : ""), d
      }
      print "]"
    }
    print ""
  }
}'
