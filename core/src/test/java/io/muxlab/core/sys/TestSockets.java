package io.muxlab.core.sys;

import static io.muxlab.core.sys.Native.LIBC;
import static io.muxlab.core.sys.Structs.SIZEOF_SOCKADDR_IN;
import static io.muxlab.core.sys.Syscall.CONNECT;
import static io.muxlab.core.sys.Syscall.SETSOCKOPT;
import static io.muxlab.core.sys.Syscall.SHUTDOWN;
import static io.muxlab.core.sys.Syscall.SOCKETPAIR;

/**
 * The client's side of sockets, which only tests need: a blocking connect, a socketpair, a
 * half-close, an RST on close. Through the same chokepoint as {@link Sockets}, so the counts and
 * error messages are the layer's own.
 */
public final class TestSockets {
    public static final int SHUT_WR = 1;

    static final int AF_UNIX = 1;
    static final int SO_ERROR = 4;
    static final int SO_LINGER = 13;
    static final int EINPROGRESS = 115;

    /** {@code struct linger}: {@code int l_onoff; int l_linger;}. */
    static final int SIZEOF_LINGER = 8;
    static final int L_ONOFF = 0;
    static final int L_LINGER = 4;

    private TestSockets() {
    }

    /** A blocking connection to {@code host:port}. */
    public static int connect(String host, int port) {
        Sockets.checkPort(port);
        byte[] ip = Sockets.ipv4(host);
        int fd = Sockets.socket(Sockets.SOCK_STREAM | Sockets.SOCK_CLOEXEC);
        try (NativeMemory addr = Sockets.sockaddrIn(ip, port)) {
            long r = CONNECT.call(LIBC.connect(fd, addr.pointer(), SIZEOF_SOCKADDR_IN));
            // Not retried on EINTR: an interrupted connect goes on in the kernel, and connecting
            // again would fail with EALREADY. So, as for EINPROGRESS, wait until the socket is
            // writable and read the outcome from SO_ERROR.
            if (r == -Errno.EINTR || r == -EINPROGRESS) {
                r = -awaitConnected(fd);
            }
            if (r < 0) {
                throw CONNECT.failed((int) -r, host + ":", port, "");
            }
            return fd;
        } catch (RuntimeException e) {
            Fds.closeQuietly(fd);
            throw e;
        }
    }

    /** A connected pair of non-blocking Unix stream sockets: {@code [a, b]}. */
    public static int[] socketPair() {
        int[] sv = new int[2];
        SOCKETPAIR.check(LIBC.socketpair(AF_UNIX, Sockets.SOCK_STREAM | Sockets.SOCK_NONBLOCK | Sockets.SOCK_CLOEXEC, 0, sv),
                "AF_UNIX");
        return sv;
    }

    public static void shutdown(int fd, int how) {
        SHUTDOWN.check(LIBC.shutdown(fd, how), "fd ", fd, "");
    }

    /** SO_LINGER on with {@code seconds}; 0 makes {@code close} send RST instead of FIN. */
    public static void setLinger(int fd, int seconds) {
        try (NativeMemory linger = NativeMemory.allocate(SIZEOF_LINGER)) {
            linger.pointer().putInt(L_ONOFF, 1);
            linger.pointer().putInt(L_LINGER, seconds);
            SETSOCKOPT.check(LIBC.setsockopt(fd, Sockets.SOL_SOCKET, SO_LINGER, linger.pointer(), SIZEOF_LINGER),
                    "fd ", fd, ", SO_LINGER");
        }
    }

    /** Waits until a connect in progress on {@code fd} ends; returns 0 if it succeeded, else its errno. */
    static int awaitConnected(int fd) {
        try (PollFds one = new PollFds(1)) {
            one.add(fd, Poll.POLLOUT);
            int ready;
            do {
                ready = Poll.poll(one, -1); // 0: a signal ended the wait, and the connect goes on
            } while (ready == 0);
        }
        return Inspect.intOption(fd, Sockets.SOL_SOCKET, SO_ERROR, ", SO_ERROR");
    }
}
