/*
 * c-epoll: the echo loop on epoll(7), level-triggered, in C: the twin of epoll-echo (epoll-lt).
 * Interest lives in the kernel; epoll_ctl changes it only when a connection's wants change.
 * Build: cc -O2 -o c_epoll c_epoll.c; run: ./c_epoll --port 7013.
 */
#include "twin.h"    /* first: it defines _GNU_SOURCE for accept4 */
#include <sys/epoll.h>

static int interest[1 << 20];    /* the events registered per descriptor; 0 = not registered */

static void want(int ep, int fd, int wants) {
    int ev = (wants & WANT_READ ? EPOLLIN : 0) | (wants & WANT_WRITE ? EPOLLOUT : 0);
    if (ev == interest[fd]) return;
    struct epoll_event e = { .events = ev, .data.fd = fd };
    n_ctl++;
    epoll_ctl(ep, interest[fd] ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &e);
    interest[fd] = ev;
}

int main(int argc, char **argv) {
    int lfd = listen_on(argc, argv, "c-epoll", "epoll_ctl", "epoll_wait"), ep = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event events[256], e = { .events = EPOLLIN, .data.fd = lfd }, in = { .events = EPOLLIN, .data.fd = in_fd };
    if (max_fds > (long) (sizeof interest / sizeof *interest)) max_fds = sizeof interest / sizeof *interest;
    n_ctl++;
    epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &e);
    if (in_fd >= 0) epoll_ctl(ep, EPOLL_CTL_ADD, in_fd, &in);    /* for the harness: not counted */
    for (int listening = 1; !stopping; ) {
        int ms = wait_ms();
        if (listening == accept_paused) {    /* out of descriptors, or over it: the listener leaves or rejoins */
            listening = !accept_paused;
            e.events = listening ? EPOLLIN : 0;
            n_ctl++;
            epoll_ctl(ep, EPOLL_CTL_MOD, lfd, &e);
        }
        n_wait++;
        int n = epoll_wait(ep, events, 256, ms);
        for (int i = 0; i < n; i++) {
            int fd = events[i].data.fd;
            if (fd == lfd) {
                for (int k = 0, c; k < ACCEPT_BUDGET && (c = accept_one(lfd)) >= 0; k++) {
                    if (c >= max_fds) { conn_close(conns[c]); continue; }
                    want(ep, c, WANT_READ);
                }
                continue;
            }
            if (fd == in_fd) { on_input(); continue; }
            uint32_t ev = events[i].events;
            int wants = serve(conns[fd], (ev & EPOLLIN ? READABLE : 0) | (ev & EPOLLOUT ? WRITABLE : 0)
                    | (ev & (EPOLLHUP | EPOLLERR) ? FAILED : 0));
            if (wants < 0) { interest[fd] = 0; conn_close(conns[fd]); }    /* close removes it from the set */
            else want(ep, fd, wants);
        }
    }
    finish();
    return 0;
}
