/* The floor for bench/spawn-overhead.sh: runs N copies of a command, at most K at a time,
 * with nothing else per task (no graph, no files, no output capture): posix_spawn of an
 * absolute path (no PATH search, no shell), then waitpid.
 *   spawn-floor N K /usr/bin/true [args...] */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

extern char** environ;

int main(int argc, char** argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: spawn-floor N K COMMAND [ARGS...]\n");
    return 2;
  }
  const long n = atol(argv[1]);
  const long k = atol(argv[2]);
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
  }
  return failed != 0;
}
