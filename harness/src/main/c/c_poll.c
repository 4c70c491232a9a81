/*
 * c-poll: the echo loop on poll(2), in C: the twin of poll-echo. The pollfd array is the interest
 * list, handed to the kernel whole on every call; a closed connection's slot takes the last one.
 * Build: cc -O2 -o c_poll c_poll.c; run: ./c_poll --port 7012.
 */
#include "twin.h"    /* first: it defines _GNU_SOURCE for accept4 */
#include <poll.h>

int main(int argc, char **argv) {
    int lfd = listen_on(argc, argv, "c-poll", NULL, "poll");
    struct pollfd *fds = calloc((size_t) max_fds, sizeof *fds);    /* freed when the loop stops */
    if (!fds) {
        perror("calloc the pollfd array");
        return 1;
    }
    nfds_t count = 2;    /* the listener, then standard input (poll skips a negative fd), then connections */
    fds[0] = (struct pollfd) { .fd = lfd, .events = POLLIN };
    fds[1] = (struct pollfd) { .fd = in_fd, .events = POLLIN };
    while (!stopping) {
        int ms = wait_ms();
        fds[0].events = accept_paused ? 0 : POLLIN;
        n_wait++;
        if (poll(fds, count, ms) <= 0) continue;
        for (nfds_t i = 2; i < count; i++) {
            if (!fds[i].revents) continue;
            short ev = fds[i].revents;
            int wants = serve(conns[fds[i].fd], (ev & POLLIN ? READABLE : 0) | (ev & POLLOUT ? WRITABLE : 0)
                    | (ev & (POLLHUP | POLLERR | POLLNVAL) ? FAILED : 0));
            if (wants < 0) {
                conn_close(conns[fds[i].fd]);
                fds[i--] = fds[--count];    /* the last slot moves here and is looked at next */
                continue;
            }
            fds[i].events = (short) ((wants & WANT_READ ? POLLIN : 0) | (wants & WANT_WRITE ? POLLOUT : 0));
        }
        if (fds[0].revents & POLLIN)    /* after the scan: new connections wait for the next call */
            for (int k = 0, c; k < ACCEPT_BUDGET && (c = accept_one(lfd)) >= 0; k++)
                fds[count++] = (struct pollfd) { .fd = c, .events = POLLIN };
        if (fds[1].revents) on_input();
    }
    free(fds);
    finish();
    return 0;
}
