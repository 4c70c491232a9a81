/*
 * What the three C twins share: the echo and backpressure rules of muxlab's Java echo loop
 * (core/echo), in C, so that the harness can answer "does Java through jnr-ffi cost more than C?"
 * with servers that differ from ours only in the language. Each twin (c_select.c, c_poll.c,
 * c_epoll.c) adds its wait loop, level-triggered like select and poll, and nothing else.
 *
 * The rules: a connection's bytes go into its own buffer, which starts at 16 KiB and doubles up to
 * 1 MiB; one read per wake-up, then a write of what is there; a write that leaves bytes behind asks
 * for writability; a full buffer stops reading (the peer's bytes wait in the kernel); end of stream
 * echoes what is left, then closes; out of descriptors, accepts pause and the others are served.
 * The contract is muxlab's: "listening on HOST:PORT" first, SIGTERM prints one "summary:" line
 * with the calls made, by name, and exits 0.
 *
 * Like ours, a twin answers the line "counters" on standard input with a "counters:" line of its
 * counts so far, so the harness can count over its measured window alone. Ours read their input on
 * a thread of their own; a twin has one thread, so its loop watches standard input beside the
 * sockets (when it is a pipe, the harness's, or a terminal). End of input means the harness is gone:
 * the twin stops as on SIGTERM. The calls made for the harness (reading its request, printing the
 * answer) are not counted, as ours count only their syscall layer's; a wait that a request wakes is.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define INITIAL (16 * 1024)
#define LIMIT (1 << 20)
#define ACCEPT_BUDGET 64
#define RETRY_MS 100
#define WANT_READ 1
#define WANT_WRITE 2

struct conn { int fd; char *buf; size_t cap, head, len; int eof; };

static struct conn **conns;                /* by descriptor number */
static long max_fds;
static volatile sig_atomic_t stopping;
static long accepted, refused, closed_n, bytes_read, bytes_written;
static long reads, writes;                 /* read and write calls that moved bytes, as ours count them */
static long n_accept4, n_setsockopt, n_read, n_write, n_close, n_wait, n_ctl;
static const char *server_name, *ctl_name, *wait_name;    /* ctl_name NULL: no interest-change call */
static int in_fd = -1;                     /* standard input, if the loop watches it for requests */
static int out_of_fds;                     /* accept4 said EMFILE or ENFILE, and has not succeeded since */
static int accept_paused;                  /* so the listener is out of the wait, until a close or retry_at_ms */
static long retry_at_ms;

static void on_term(int sig) { (void) sig; stopping = 1; }

/*
 * Binds 127.0.0.1:--port (0: any), prints the first line, makes SIGTERM interrupt the wait, and
 * names the twin and its calls for its counters lines.
 */
static int listen_on(int argc, char **argv, const char *server, const char *ctl, const char *wait) {
    int port = 0;
    server_name = server;
    ctl_name = ctl;
    wait_name = wait;
    for (int i = 1; i + 1 < argc; i++)
        if (strcmp(argv[i], "--port") == 0) port = atoi(argv[i + 1]);
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    max_fds = (long) rl.rlim_cur;
    conns = calloc((size_t) max_fds, sizeof *conns);
    struct sigaction sa = { .sa_handler = on_term };    /* no SA_RESTART: the wait returns EINTR */
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0), one = 1;
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t len = sizeof a;
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 || bind(fd, (void *) &a, sizeof a) < 0
            || listen(fd, 4096) < 0 || getsockname(fd, (void *) &a, &len) < 0 || !conns) {
        perror("listen on 127.0.0.1");
        exit(1);
    }
    struct stat st;    /* a file or /dev/null as input would read as an immediate end: not watched */
    if (fstat(STDIN_FILENO, &st) == 0 && (S_ISFIFO(st.st_mode) || isatty(STDIN_FILENO))) in_fd = STDIN_FILENO;
    printf("listening on 127.0.0.1:%d\n", ntohs(a.sin_port));
    fflush(stdout);
    return fd;
}

static long now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000L + t.tv_nsec / 1000000;
}

/*
 * The wait's timeout in ms: forever (-1), or, while accepts are paused, until the next retry; the
 * retry time passed, accepts resume and the listener goes back into the wait.
 */
static int wait_ms(void) {
    long left = accept_paused ? retry_at_ms - now_ms() : -1;
    if (accept_paused && left <= 0) accept_paused = 0;
    return accept_paused ? (int) left : -1;
}

/*
 * One accepted connection, or -1 when there is none (EAGAIN) or no descriptor left. Out of
 * descriptors, the client stays in the kernel's backlog, where a level-triggered listener would be
 * reported on every wait, a busy loop; so, as ours do, the listener leaves the wait until a
 * connection closes or RETRY_MS pass, and the open connections are served meanwhile.
 */
static int accept_one(int lfd) {
    n_accept4++;
    int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
        if (errno == EMFILE || errno == ENFILE) {
            if (!out_of_fds)
                fprintf(stderr, "accept4: %s; serving the open connections, retrying every %d ms and whenever one closes\n",
                        strerror(errno), RETRY_MS);
            out_of_fds = accept_paused = 1;
            retry_at_ms = now_ms() + RETRY_MS;
        }
        return -1;
    }
    if (out_of_fds) fprintf(stderr, "accepting again\n");
    out_of_fds = 0;
    n_setsockopt++;    /* as ours do: small echoes leave at once instead of waiting for an ACK */
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &(int) { 1 }, sizeof(int));
    struct conn *c = calloc(1, sizeof *c);
    c->fd = fd;
    c->cap = INITIAL;
    c->buf = malloc(c->cap);
    conns[fd] = c;
    accepted++;
    return fd;
}

static void conn_close(struct conn *c) {
    accept_paused = 0;    /* a descriptor is free: the listener may accept again */
    n_close++;
    close(c->fd);
    conns[c->fd] = NULL;
    free(c->buf);
    free(c);
    closed_n++;
}

/*
 * One turn for a connection the wait reported: one read if it was readable and there is room,
 * then a write of whatever is buffered. Returns what to wait for next (WANT_READ, WANT_WRITE),
 * or -1 when it is done (closed by the peer and drained, or failed).
 */
static int serve(struct conn *c, int readable) {
    if (readable && !c->eof && c->len < LIMIT) {
        if (c->head + c->len == c->cap) {
            if (c->head > 0) {
                memmove(c->buf, c->buf + c->head, c->len);
            } else {
                c->cap *= 2;
                c->buf = realloc(c->buf, c->cap);
            }
            c->head = 0;
        }
        n_read++;
        ssize_t n = read(c->fd, c->buf + c->head + c->len, c->cap - c->head - c->len);
        if (n > 0) { c->len += (size_t) n; bytes_read += n; reads++; }
        else if (n == 0) c->eof = 1;
        else if (errno != EAGAIN) return -1;
    }
    if (c->len > 0) {
        n_write++;
        ssize_t n = write(c->fd, c->buf + c->head, c->len);
        if (n > 0) { c->head += (size_t) n; c->len -= (size_t) n; bytes_written += n; writes++; }
        else if (errno != EAGAIN) return -1;
        if (c->len == 0) c->head = 0;
    }
    if (c->eof && c->len == 0) return -1;
    return (!c->eof && c->len < LIMIT ? WANT_READ : 0) | (c->len > 0 ? WANT_WRITE : 0);
}

/* One line as core's EchoSummary writes it: counters, then the calls by name (sorted) in brackets. */
static void report(const char *prefix) {
    char ctl[64] = "";
    if (ctl_name) snprintf(ctl, sizeof ctl, " %s=%ld", ctl_name, n_ctl);
    printf("%s server=%s connections=%ld refused=%ld closed=%ld bytes_read=%ld bytes_written=%ld reads=%ld writes=%ld "
           "syscalls=%ld [accept4=%ld close=%ld%s %s=%ld read=%ld setsockopt=%ld write=%ld]\n",
           prefix, server_name, accepted, refused, closed_n, bytes_read, bytes_written, reads, writes,
           n_accept4 + n_setsockopt + n_close + n_ctl + n_wait + n_read + n_write,
           n_accept4, n_close, ctl, wait_name, n_wait, n_read, n_setsockopt, n_write);
    fflush(stdout);
}

/* Standard input is readable: answer each complete "counters" line; at its end, stop. */
static void on_input(void) {
    static char line[256];
    static size_t have;
    ssize_t n = read(in_fd, line + have, sizeof line - 1 - have);
    if (n <= 0) { stopping = 1; return; }
    have += (size_t) n;
    for (char *eol; (eol = memchr(line, '\n', have)) != NULL; ) {
        *eol = '\0';
        if (strcmp(line, "counters") == 0) report("counters:");
        have -= (size_t) (eol + 1 - line);
        memmove(line, eol + 1, have);
    }
    if (have == sizeof line - 1) have = 0;    /* a line too long to be a request */
}
