/* Variants of bench/spawn-floor.c's serial loop (K=1, SPAWN_FLOOR_BUSY_US=B: spawn, wait,
 * then B µs of work, as gantry's worker does its bookkeeping between tasks) for
 * bench/placement.sh: where a tool's work between two tasks goes, and whether that changes
 * where the kernel puts the child (issue 18, the chain).
 *   placement-variants MODE N COMMAND [ARGS...]      env: SPAWN_FLOOR_BUSY_US=B (0)
 * MODE:
 *   overlap  spawn, B µs of work while the child runs, then wait (bookkeeping moved to
 *            after the spawn);
 *   thread   B µs of work on one thread, spawn and wait on another that it hands each
 *            task to (a spawner thread that does nothing else). */
#define _GNU_SOURCE
#include <pthread.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

extern char** environ;

static char** command;
static long tasks;
static long long busy_ns;

static long long NowNs(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void Busy(void) {
  for (const long long until = NowNs() + busy_ns; busy_ns > 0 && NowNs() < until;) {
  }
}

static pid_t Spawn(void) {
  pid_t pid;
  if (posix_spawn(&pid, command[0], NULL, NULL, command, environ) != 0) {
    perror("posix_spawn");
    exit(1);
  }
  return pid;
}

static void Wait(pid_t pid) {
  int status;
  if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    fprintf(stderr, "placement-variants: a task failed\n");
    exit(1);
  }
}

/* The hand-over between the two threads of `thread`: whose turn it is, under `mu`. */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t turn_changed = PTHREAD_COND_INITIALIZER;
static int spawner_turn = 0;

static void SetTurn(int spawner) {
  pthread_mutex_lock(&mu);
  spawner_turn = spawner;
  pthread_cond_signal(&turn_changed);
  pthread_mutex_unlock(&mu);
}

static void AwaitTurn(int spawner) {
  pthread_mutex_lock(&mu);
  while (spawner_turn != spawner) pthread_cond_wait(&turn_changed, &mu);
  pthread_mutex_unlock(&mu);
}

static void* Spawner(void* unused) {
  (void)unused;
  for (long i = 0; i < tasks; ++i) {
    AwaitTurn(1);
    Wait(Spawn());
    SetTurn(0);
  }
  return NULL;
}

int main(int argc, char** argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: placement-variants overlap|thread N COMMAND [ARGS...]\n");
    return 2;
  }
  const char* mode = argv[1];
  tasks = atol(argv[2]);
  command = argv + 3;
  const char* busy_us = getenv("SPAWN_FLOOR_BUSY_US");
  busy_ns = busy_us ? atoll(busy_us) * 1000 : 0;
  if (strcmp(mode, "overlap") == 0) {
    for (long i = 0; i < tasks; ++i) {
      const pid_t pid = Spawn();
      Busy();
      Wait(pid);
    }
  } else if (strcmp(mode, "thread") == 0) {
    pthread_t spawner;
    pthread_create(&spawner, NULL, Spawner, NULL);
    for (long i = 0; i < tasks; ++i) {
      SetTurn(1);
      AwaitTurn(0);
      Busy();
    }
    pthread_join(spawner, NULL);
  } else {
    fprintf(stderr, "placement-variants: unknown mode '%s'\n", mode);
    return 2;
  }
  return 0;
}
