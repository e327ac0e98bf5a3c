/* What the system calls a component's spawn path makes cost on this machine, one at a
 * time in a hot loop (so a floor: in a run they come with cold caches). bench/placement.sh
 * prints it beside the placement tables (issue 18).
 *   syscall-cost DIR      DIR: a scratch directory on the file system to measure */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static double NowNs(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

static void Report(const char* what, double start, long n) {
  printf("| %s | %.2f |\n", what, (NowNs() - start) / n / 1e3);
}

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: syscall-cost DIR\n");
    return 2;
  }
  char file[4096], dir[4096];
  snprintf(file, sizeof file, "%s/syscall-cost.file", argv[1]);
  snprintf(dir, sizeof dir, "%s/syscall-cost.dir", argv[1]);
  const int made = open(file, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (made < 0 || close(made) != 0) {
    perror(file);
    return 1;
  }
  const long n = 100000, m = 5000;
  printf("| call (hot loop) | µs |\n| --- | --- |\n");
  double start = NowNs();
  for (long i = 0; i < n; ++i) syscall(SYS_getppid);
  Report("getppid (the bare entry and exit)", start, n);
  struct stat st;
  start = NowNs();
  for (long i = 0; i < n; ++i) stat(file, &st);
  Report("stat", start, n);
  start = NowNs();
  for (long i = 0; i < n; ++i) close(open(file, O_RDWR | O_CLOEXEC));
  Report("open + close", start, n);
  const int fd = open(file, O_RDWR | O_CLOEXEC);
  struct flock lock = {.l_whence = SEEK_SET, .l_start = 7, .l_len = 1};
  start = NowNs();
  for (long i = 0; i < n; ++i) {
    lock.l_type = F_WRLCK;
    fcntl(fd, F_OFD_SETLK, &lock);
    lock.l_type = F_UNLCK;
    fcntl(fd, F_OFD_SETLK, &lock);
  }
  Report("byte lock + unlock (F_OFD_SETLK twice)", start, n);
  close(fd);
  int ends[2];
  start = NowNs();
  for (long i = 0; i < m; ++i) {
    pipe2(ends, O_CLOEXEC);
    close(ends[0]);
    close(ends[1]);
  }
  Report("pipe + 2 close", start, m);
  start = NowNs();
  for (long i = 0; i < m; ++i) {
    pipe2(ends, O_CLOEXEC);
    fcntl(ends[0], F_SETPIPE_SZ, 1 << 20);
    close(ends[0]);
    close(ends[1]);
  }
  Report("pipe + F_SETPIPE_SZ 1 MiB + 2 close", start, m);
  char path[4200];
  start = NowNs();
  for (long i = 0; i < m; ++i) {
    snprintf(path, sizeof path, "%s%ld", dir, i);
    mkdir(path, 0700);
  }
  Report("mkdir (a new name each time)", start, m);
  start = NowNs();
  for (long i = 0; i < m; ++i) {
    snprintf(path, sizeof path, "%s%ld", dir, i);
    rmdir(path);
  }
  Report("rmdir (of those)", start, m);
  unlink(file);
  return 0;
}
