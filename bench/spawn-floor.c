/* The floor for bench/spawn-overhead.sh: runs N copies of a command, at most K at a time,
 * with nothing else per task (no graph, no files, no output capture): posix_spawn of an
 * absolute path (no PATH search, no shell), then waitpid.
 *   spawn-floor N K /usr/bin/true [args...]
 * SPAWN_FLOOR_BUSY_US=B: after each task ends, compute for B µs before the next start,
 * standing in for what a tool does between two tasks (bench/placement.sh). */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>

extern char** environ;

static long long NowNs(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(int argc, char** argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: spawn-floor N K COMMAND [ARGS...]\n");
    return 2;
  }
  const long n = atol(argv[1]);
  const long k = atol(argv[2]);
  const char* busy_us = getenv("SPAWN_FLOOR_BUSY_US");
  const long long busy_ns = busy_us ? atoll(busy_us) * 1000 : 0;
  long started = 0, running = 0, failed = 0;
  while (started < n || running > 0) {
    while (started < n && running < k) {
      pid_t pid;
      if (posix_spawn(&pid, argv[3], NULL, NULL, argv + 3, environ) != 0) {
        perror("posix_spawn");
        return 1;
      }
      ++started;
      ++running;
    }
    int status;
    if (waitpid(-1, &status, 0) < 0) {
      perror("waitpid");
      return 1;
    }
    --running;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) ++failed;
    for (const long long until = NowNs() + busy_ns; busy_ns > 0 && NowNs() < until;) {
    }
  }
  return failed != 0;
}
