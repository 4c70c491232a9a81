/*
 * c-select: the echo loop on select(2), in C: the twin of select-echo. The master sets are copied
 * before every call (the kernel overwrites what it is given) and scanned up to the highest
 * descriptor; a descriptor at FD_SETSIZE or above cannot be put in a set, so that connection is
 * refused with a message and the others are served on.
 * Build: cc -O2 -o c_select c_select.c; run: ./c_select --port 7011.
 */
#include "twin.h"    /* first: it defines _GNU_SOURCE for accept4 */
#include <sys/select.h>

int main(int argc, char **argv) {
    int lfd = listen_on(argc, argv, "c-select", NULL, "select"), maxfd = lfd;
    fd_set rmaster, wmaster, r, w;
    FD_ZERO(&rmaster);
    FD_ZERO(&wmaster);
    FD_SET(lfd, &rmaster);
    if (in_fd >= 0) FD_SET(in_fd, &rmaster);    /* below lfd: maxfd stays lfd */
    while (!stopping) {
        int ms = wait_ms();
        struct timeval tv = { .tv_sec = ms / 1000, .tv_usec = ms % 1000 * 1000 };
        r = rmaster;
        w = wmaster;
        if (accept_paused) FD_CLR(lfd, &r);
        n_wait++;
        if (select(maxfd + 1, &r, &w, NULL, ms < 0 ? NULL : &tv) <= 0) continue;
        int top = maxfd;
        for (int fd = 0; fd <= top; fd++) {
            if (fd == lfd || fd == in_fd || !(FD_ISSET(fd, &r) || FD_ISSET(fd, &w))) continue;
            int wants = serve(conns[fd], (FD_ISSET(fd, &r) ? READABLE : 0) | (FD_ISSET(fd, &w) ? WRITABLE : 0));
            FD_CLR(fd, &rmaster);
            FD_CLR(fd, &wmaster);
            if (wants < 0) { conn_close(conns[fd]); continue; }
            if (wants & WANT_READ) FD_SET(fd, &rmaster);
            if (wants & WANT_WRITE) FD_SET(fd, &wmaster);
        }
        if (FD_ISSET(lfd, &r))
            for (int k = 0, c; k < ACCEPT_BUDGET && (c = accept_one(lfd)) >= 0; k++) {
                if (c >= FD_SETSIZE) {
                    fprintf(stderr, "refused a connection: descriptor %d is past FD_SETSIZE (%d), which select cannot watch\n",
                            c, FD_SETSIZE);
                    conn_close(conns[c]);
                    refused++;
                    continue;
                }
                FD_SET(c, &rmaster);
                if (c > maxfd) maxfd = c;
            }
        if (in_fd >= 0 && FD_ISSET(in_fd, &r)) on_input();
    }
    finish();
    return 0;
}
