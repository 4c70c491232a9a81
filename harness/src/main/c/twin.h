/*
 * What the three C twins share: the echo and backpressure rules of muxlab's Java echo loop
 * (core/echo), in C, so that the harness can answer "does Java through jnr-ffi cost more than C?"
 * with servers that differ from ours only in the language. Each twin (c_select.c, c_poll.c,
 * c_epoll.c) adds its wait loop, level-triggered like select and poll, and nothing else.
 *
 * The rules: one read per wake-up, into one scratch buffer that the whole loop shares, then a write
 * of it at once; only if that write is short do the bytes left behind go into a buffer of the
 * connection's own, taken then (16 KiB) and freed when a write empties it, so an idle connection
 * holds no buffer, as ours hold a ring block only while bytes wait. While bytes wait, the
 * connection asks for writability and reads on into its buffer, which doubles when full up to
 * 1 MiB (our --buffer-limit default); a full buffer stops reading (the peer's bytes wait in the
 * kernel) until a write makes room. End of stream echoes what is left, then closes; a hang-up or
 * error closes at once; out of descriptors, accepts pause and the others are served.
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

#define BLOCK (16 * 1024)    /* the scratch buffer, and a connection's buffer when first taken: our ring block's size */
#define LIMIT (1 << 20)
#define ACCEPT_BUDGET 64
#define RETRY_MS 100
#define WANT_READ 1
#define WANT_WRITE 2
#define READABLE 1                         /* what the wait reported, as serve's events */
#define WRITABLE 2
#define FAILED 4                           /* hang-up or error */

/* A connection; buf holds the len bytes at buf + head that a write left behind, and is NULL while none wait. */
struct conn { int fd; char *buf; size_t cap, head, len; int eof; };

static struct conn **conns;                /* by descriptor number; each conn and its buf are owned here */
static char scratch[BLOCK];                /* every read of a connection with nothing waiting lands here */
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
    if (!c) {
        fprintf(stderr, "calloc: out of memory; closing the new connection\n");
        n_close++;
        close(fd);
        return -1;
    }
    c->fd = fd;
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

/* Writes what waits; the buffer is freed once empty. Returns -1 if the peer is gone. */
static int flush(struct conn *c) {
    n_write++;
    ssize_t n = write(c->fd, c->buf + c->head, c->len);
    if (n < 0) return errno == EAGAIN ? 0 : -1;
    c->head += (size_t) n;
    c->len -= (size_t) n;
    bytes_written += n;
    writes++;
    if (c->len == 0) {
        free(c->buf);
        c->buf = NULL;
        c->cap = c->head = 0;
    }
    return 0;
}

/*
 * Reads into the scratch buffer and writes it back at once; what that write leaves behind goes
 * into a buffer the connection takes now. Returns -1 if the peer is gone or no memory is left.
 */
static int echo_at_once(struct conn *c) {
    n_read++;
    ssize_t n = read(c->fd, scratch, sizeof scratch);
    if (n == 0) c->eof = 1;
    if (n <= 0) return n < 0 && errno != EAGAIN ? -1 : 0;
    bytes_read += n;
    reads++;
    n_write++;
    ssize_t w = write(c->fd, scratch, (size_t) n);
    if (w < 0 && errno != EAGAIN) return -1;
    if (w < 0) w = 0;    /* EAGAIN: all of it waits */
    if (w > 0) { bytes_written += w; writes++; }
    if (w == n) return 0;
    if (!(c->buf = malloc(BLOCK))) {
        fprintf(stderr, "malloc: out of memory; closing a connection with %zd bytes unsent\n", n - w);
        return -1;
    }
    c->cap = BLOCK;
    c->len = (size_t) (n - w);
    memcpy(c->buf, scratch + w, c->len);
    return 0;
}

/*
 * Reads on behind the bytes that wait. The free space at the end runs out: the bytes move to the
 * front if a write has taken some, else the buffer doubles (the caller keeps it under LIMIT). Ours
 * is a ring, which needs no move; a flat buffer is plainer C, and moves only while a peer is slow.
 */
static int read_behind(struct conn *c) {
    if (c->head + c->len == c->cap) {
        if (c->head > 0) {
            memmove(c->buf, c->buf + c->head, c->len);
        } else {
            char *bigger = realloc(c->buf, c->cap * 2);
            if (!bigger) {
                fprintf(stderr, "realloc: out of memory; closing a connection with %zu bytes unsent\n", c->len);
                return -1;    /* c->buf is still the connection's: conn_close frees it */
            }
            c->buf = bigger;
            c->cap *= 2;
        }
        c->head = 0;
    }
    n_read++;
    ssize_t n = read(c->fd, c->buf + c->head + c->len, c->cap - c->head - c->len);
    if (n > 0) { c->len += (size_t) n; bytes_read += n; reads++; }
    else if (n == 0) c->eof = 1;
    else if (errno != EAGAIN) return -1;
    return 0;
}

/*
 * One turn for a connection the wait reported (events: READABLE, WRITABLE, FAILED): as ours, a
 * write of what waits if it became writable, then one read if it is readable and below the limit.
 * Returns what to wait for next (WANT_READ, WANT_WRITE), or -1 when it is done (closed by the peer
 * and drained, or failed). Bytes wait only after a short write, so write interest is asked exactly
 * while they do, and reading stops at LIMIT until a write makes room.
 */
static int serve(struct conn *c, int events) {
    if (events & FAILED) return -1;    /* a reset: nothing read can be sent back */
    if ((events & WRITABLE) && c->len > 0 && flush(c) < 0) return -1;
    if ((events & READABLE) && !c->eof && c->len < LIMIT && (c->len == 0 ? echo_at_once(c) : read_behind(c)) < 0)
        return -1;
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

/* The loop has stopped: as ours, close every connection (freeing what it holds), then the summary. */
static void finish(void) {
    for (long fd = 0; fd < max_fds; fd++)
        if (conns[fd]) conn_close(conns[fd]);
    free(conns);
    report("summary:");
}
