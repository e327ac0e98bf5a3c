/* A simulated throttling API for bench/throttle-api.sh: one server holding any number of
 * named APIs, each accepting at most C concurrent calls, C following a schedule; and the
 * client a component runs.
 *
 *   throttle-api serve SOCKET LOG [--refuse-ms MS] [--lifetime S] API=SCHEDULE...
 *       SCHEDULE: T:C[,T:C...], from T seconds after the server started (the first T is
 *       0) at most C calls in flight: "aws-a=0:8,8:3,18:6". Listens on the Unix socket
 *       SOCKET (bound as SOCKET.tmp and renamed once listening: when SOCKET exists, it
 *       answers). Ends on SIGTERM/SIGINT, a QUIT request, after --lifetime seconds
 *       (default 900), or when the process that started it dies (PR_SET_PDEATHSIG).
 *   throttle-api call SOCKET API MS [MS...]
 *       One call of MS milliseconds after another. Each call: if API has fewer than C calls
 *       in flight, the server holds a slot for MS ms and answers DONE; otherwise it answers
 *       429 after --refuse-ms (default 20 ms), and the client prints "429 Too Many
 *       Requests" to stderr and exits 1 at once (the calls after it are not made). Exits 0
 *       when every call was done, 2 on any other error.
 *   throttle-api quit SOCKET
 *
 * Protocol, one request per connection: "CALL API MS [WHO]\n" (WHO: the client's
 * $GANTRY_COMPONENT) or "QUIT\n"; answers "DONE\n" or "429\n". A client that goes away
 * frees its slot at once.
 *
 * LOG, one line per event: "T API EVENT IN_FLIGHT CAPACITY ID WHO", T in seconds since the
 * start (monotonic clock, microseconds), EVENT one of accept, refuse, done, gone (the
 * client left before its call was done), ID the connection's number, WHO the caller's
 * component ("-" when unknown). IN_FLIGHT is the
 * count after the event. The first line is "# start REALTIME_S", the wall-clock time of
 * T = 0 (CLOCK_REALTIME, seconds since the epoch), then one "# api NAME T:C,..." line per
 * API. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define MAX_APIS 16
#define MAX_STEPS 64
#define MAX_CONNS 1024

struct api {
  char name[64];
  int steps;
  double from[MAX_STEPS];  /* seconds */
  int capacity[MAX_STEPS];
  int in_flight;
};

enum conn_state { READING, HOLDING, REFUSING };

struct conn {
  int fd;
  enum conn_state state;
  int api;
  double until;  /* HOLDING, REFUSING: when to answer */
  unsigned long id;
  char who[64];  /* the caller's GANTRY_COMPONENT, or "-" */
  char buf[192];
  size_t len;
};

static struct api apis[MAX_APIS];
static int api_count;
static struct conn conns[MAX_CONNS];
static int conn_count;
static double start_mono;
static FILE* log_file;
static double refuse_s = 0.020;
static volatile sig_atomic_t stop;

static double mono(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double now(void) { return mono() - start_mono; }

static int capacity_at(const struct api* a, double t) {
  int c = a->capacity[0];
  for (int i = 0; i < a->steps && a->from[i] <= t; ++i) c = a->capacity[i];
  return c;
}

static void log_event(const struct conn* c, const char* event) {
  const struct api* a = &apis[c->api];
  const double t = now();
  fprintf(log_file, "%.6f %s %s %d %d %lu %s\n", t, a->name, event, a->in_flight,
          capacity_at(a, t), c->id, c->who);
}

static int parse_api(const char* spec) {
  if (api_count == MAX_APIS) return -1;
  struct api* a = &apis[api_count];
  const char* eq = strchr(spec, '=');
  if (eq == NULL || eq == spec || (size_t)(eq - spec) >= sizeof a->name) return -1;
  memcpy(a->name, spec, (size_t)(eq - spec));
  a->name[eq - spec] = '\0';
  const char* p = eq + 1;
  for (;;) {
    char* end;
    if (a->steps == MAX_STEPS) return -1;
    const double from = strtod(p, &end);
    if (end == p || *end != ':') return -1;
    if (a->steps == 0 ? from != 0 : from <= a->from[a->steps - 1]) return -1;
    p = end + 1;
    const long cap = strtol(p, &end, 10);
    if (end == p || cap < 0) return -1;
    a->from[a->steps] = from;
    a->capacity[a->steps] = (int)cap;
    ++a->steps;
    if (*end == '\0') break;
    if (*end != ',') return -1;
    p = end + 1;
  }
  ++api_count;
  return 0;
}

static void on_signal(int sig) {
  (void)sig;
  stop = 1;
}

static void answer(struct conn* c, const char* text) {
  /* A few bytes to a fresh socket: fits its buffer; a client gone away is no error. */
  ssize_t ignored = write(c->fd, text, strlen(text));
  (void)ignored;
}

static void drop(int i) {
  close(conns[i].fd);
  conns[i] = conns[--conn_count];
}

/* A whole request line has arrived in conns[i]. Returns 1 when the server must stop. */
static int request(int i) {
  struct conn* c = &conns[i];
  char name[64];
  long ms;
  if (strncmp(c->buf, "QUIT\n", 5) == 0) return 1;
  strcpy(c->who, "-");
  if (sscanf(c->buf, "CALL %63s %ld %63s", name, &ms, c->who) < 2 || ms < 0) {
    answer(c, "ERROR bad request\n");
    drop(i);
    return 0;
  }
  int api = -1;
  for (int k = 0; k < api_count; ++k)
    if (strcmp(apis[k].name, name) == 0) api = k;
  if (api < 0) {
    answer(c, "ERROR no such api\n");
    drop(i);
    return 0;
  }
  c->api = api;
  const double t = now();
  if (apis[api].in_flight < capacity_at(&apis[api], t)) {
    ++apis[api].in_flight;
    c->state = HOLDING;
    c->until = t + ms / 1000.0;
    log_event(c, "accept");
  } else {
    c->state = REFUSING;
    c->until = t + refuse_s;
    log_event(c, "refuse");
  }
  return 0;
}

static int serve(int argc, char** argv) {
  if (argc < 3) return 2;
  const char* socket_path = argv[0];
  const char* log_path = argv[1];
  double lifetime_s = 900;
  int i = 2;
  for (; i + 1 < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
    if (strcmp(argv[i], "--refuse-ms") == 0) {
      refuse_s = atof(argv[i + 1]) / 1000.0;
    } else if (strcmp(argv[i], "--lifetime") == 0) {
      lifetime_s = atof(argv[i + 1]);
    } else {
      fprintf(stderr, "throttle-api: unknown option %s\n", argv[i]);
      return 2;
    }
  }
  for (; i < argc; ++i) {
    if (parse_api(argv[i]) != 0) {
      fprintf(stderr, "throttle-api: bad API spec '%s' (NAME=0:C[,T:C...])\n", argv[i]);
      return 2;
    }
  }
  if (api_count == 0) return 2;

  /* Nothing outlives the script: end with the process that started us. */
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (getppid() == 1) return 1;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGHUP, &sa, NULL);
  signal(SIGPIPE, SIG_IGN);

  log_file = fopen(log_path, "w");
  if (log_file == NULL) {
    perror(log_path);
    return 1;
  }
  setvbuf(log_file, NULL, _IOLBF, 0);

  struct sockaddr_un addr;
  memset(&addr, 0, sizeof addr);
  addr.sun_family = AF_UNIX;
  char tmp_path[sizeof addr.sun_path];
  if (snprintf(tmp_path, sizeof tmp_path, "%s.tmp", socket_path) >= (int)sizeof tmp_path) {
    fprintf(stderr, "throttle-api: socket path too long\n");
    return 2;
  }
  strcpy(addr.sun_path, tmp_path);
  const int listener = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  unlink(tmp_path);
  if (listener < 0 || bind(listener, (struct sockaddr*)&addr, sizeof addr) != 0 ||
      listen(listener, 512) != 0) {
    perror("throttle-api: listen");
    return 1;
  }

  struct timespec rt;
  clock_gettime(CLOCK_REALTIME, &rt);
  start_mono = mono();
  fprintf(log_file, "# start %.6f\n", rt.tv_sec + rt.tv_nsec / 1e9);
  for (int k = 0; k < api_count; ++k) {
    fprintf(log_file, "# api %s ", apis[k].name);
    for (int s = 0; s < apis[k].steps; ++s)
      fprintf(log_file, "%s%g:%d", s ? "," : "", apis[k].from[s], apis[k].capacity[s]);
    fprintf(log_file, "\n");
  }
  if (rename(tmp_path, socket_path) != 0) {
    perror("throttle-api: rename");
    return 1;
  }

  unsigned long next_id = 0;
  struct pollfd fds[MAX_CONNS + 1];
  int quit = 0;
  while (!stop && !quit) {
    double t = now();
    if (t >= lifetime_s) break;
    /* Answer what is due. */
    for (int k = 0; k < conn_count;) {
      struct conn* c = &conns[k];
      if (c->state != READING && c->until <= t) {
        if (c->state == HOLDING) {
          --apis[c->api].in_flight;
          log_event(c, "done");
          answer(c, "DONE\n");
        } else {
          answer(c, "429\n");
        }
        drop(k);
        continue;
      }
      ++k;
    }
    double next = lifetime_s;
    for (int k = 0; k < conn_count; ++k)
      if (conns[k].state != READING && conns[k].until < next) next = conns[k].until;
    int timeout_ms = (int)((next - t) * 1000.0) + 1;
    if (timeout_ms < 0) timeout_ms = 0;

    fds[0].fd = listener;
    fds[0].events = conn_count < MAX_CONNS ? POLLIN : 0;
    for (int k = 0; k < conn_count; ++k) {
      fds[k + 1].fd = conns[k].fd;
      fds[k + 1].events = POLLIN;  /* a request, or a hang-up while held */
    }
    const int n = conn_count;
    if (poll(fds, (nfds_t)n + 1, timeout_ms) < 0) {
      if (errno == EINTR) continue;
      perror("throttle-api: poll");
      break;
    }
    /* Connections in reverse order: drop() moves the last one into the freed place. */
    for (int k = n - 1; k >= 0 && !quit; --k) {
      if (fds[k + 1].revents == 0) continue;
      struct conn* c = &conns[k];
      char chunk[192];
      const ssize_t got = read(c->fd, chunk, sizeof chunk);
      if (got <= 0) {
        if (got < 0 && errno == EAGAIN) continue;
        if (c->state == HOLDING) {
          --apis[c->api].in_flight;
          log_event(c, "gone");
        }
        drop(k);
        continue;
      }
      if (c->state != READING) continue;  /* nothing more is expected */
      if (c->len + (size_t)got >= sizeof c->buf) {
        drop(k);
        continue;
      }
      memcpy(c->buf + c->len, chunk, (size_t)got);
      c->len += (size_t)got;
      c->buf[c->len] = '\0';
      if (strchr(c->buf, '\n') != NULL) quit = request(k);  /* may drop conns[k] */
    }
    if (fds[0].revents & POLLIN) {
      for (;;) {
        if (conn_count == MAX_CONNS) break;
        const int fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) break;
        conns[conn_count] = (struct conn){.fd = fd, .state = READING, .id = next_id++};
        ++conn_count;
      }
    }
  }
  for (int k = 0; k < api_count; ++k) {
    fprintf(log_file, "# end %.6f in_flight %s %d\n", now(), apis[k].name, apis[k].in_flight);
  }
  fclose(log_file);
  unlink(socket_path);
  return 0;
}

static int connect_to(const char* socket_path) {
  struct sockaddr_un addr;
  memset(&addr, 0, sizeof addr);
  addr.sun_family = AF_UNIX;
  if (strlen(socket_path) >= sizeof addr.sun_path) return -1;
  strcpy(addr.sun_path, socket_path);
  const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  /* The listen backlog can fill when many components start at once: try again briefly. */
  for (int tries = 0;; ++tries) {
    if (connect(fd, (struct sockaddr*)&addr, sizeof addr) == 0) return fd;
    if ((errno != EAGAIN && errno != ECONNREFUSED) || tries == 200) break;
    const struct timespec pause = {0, 5 * 1000 * 1000};
    nanosleep(&pause, NULL);
  }
  close(fd);
  return -1;
}

/* Sends `line`, reads the answer into `answer_buf`. Returns 0, or -1 with errno. */
static int exchange(const char* socket_path, const char* line, char* answer_buf, size_t size) {
  const int fd = connect_to(socket_path);
  if (fd < 0) return -1;
  const size_t len = strlen(line);
  if (write(fd, line, len) != (ssize_t)len) {
    close(fd);
    return -1;
  }
  size_t have = 0;
  while (have + 1 < size) {
    const ssize_t got = read(fd, answer_buf + have, size - 1 - have);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    have += (size_t)got;
    if (memchr(answer_buf, '\n', have) != NULL) break;
  }
  answer_buf[have] = '\0';
  close(fd);
  return 0;
}

static int call(int argc, char** argv) {
  if (argc < 3) return 2;
  /* The component's name, for the server's log (names hold no spaces). */
  const char* who = getenv("GANTRY_COMPONENT");
  if (who == NULL || *who == '\0' || strlen(who) > 63 || strpbrk(who, " \t\n") != NULL) who = "-";
  for (int i = 2; i < argc; ++i) {
    char line[192], reply[64];
    snprintf(line, sizeof line, "CALL %s %ld %s\n", argv[1], atol(argv[i]), who);
    if (exchange(argv[0], line, reply, sizeof reply) != 0) {
      fprintf(stderr, "throttle-api: cannot reach %s: %s\n", argv[0], strerror(errno));
      return 2;
    }
    if (strcmp(reply, "DONE\n") == 0) {
      printf("call %d of %d to %s: %s ms, done\n", i - 1, argc - 2, argv[1], argv[i]);
      continue;
    }
    if (strcmp(reply, "429\n") == 0) {
      fprintf(stderr, "call %d of %d to %s: 429 Too Many Requests\n", i - 1, argc - 2, argv[1]);
      return 1;
    }
    fprintf(stderr, "throttle-api: unexpected answer '%s'\n", reply);
    return 2;
  }
  return 0;
}

int main(int argc, char** argv) {
  if (argc >= 2 && strcmp(argv[1], "serve") == 0) {
    const int rc = serve(argc - 2, argv + 2);
    if (rc == 2) fprintf(stderr, "usage: throttle-api serve SOCKET LOG [--refuse-ms MS] [--lifetime S] API=T:C[,T:C...]...\n");
    return rc;
  }
  if (argc >= 2 && strcmp(argv[1], "call") == 0) {
    const int rc = call(argc - 2, argv + 2);
    if (rc == 2 && argc < 5) fprintf(stderr, "usage: throttle-api call SOCKET API MS [MS...]\n");
    return rc;
  }
  if (argc == 3 && strcmp(argv[1], "quit") == 0) {
    char reply[16];
    return exchange(argv[2], "QUIT\n", reply, sizeof reply) == 0 ? 0 : 1;
  }
  fprintf(stderr, "usage: throttle-api serve|call|quit ... (see bench/throttle-api.c)\n");
  return 2;
}
