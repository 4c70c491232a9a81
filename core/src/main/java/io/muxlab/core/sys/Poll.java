package io.muxlab.core.sys;

import static io.muxlab.core.sys.Native.LIBC;
import static io.muxlab.core.sys.Syscall.POLL;

/**
 * {@code poll(2)}: an array of {@code pollfd} instead of bitmaps, so no FD_SETSIZE limit and no
 * rebuilding of sets (the kernel writes only {@code revents}). Still O(n) per call: the kernel
 * copies in and polls every entry, and the caller scans every entry for {@code revents}.
 */
public final class Poll {
    public static final int POLLIN = 0x001;
    public static final int POLLPRI = 0x002;
    public static final int POLLOUT = 0x004;
    public static final int POLLERR = 0x008;
    public static final int POLLHUP = 0x010;
    public static final int POLLNVAL = 0x020;
    public static final int POLLRDHUP = 0x2000;

    private Poll() {
    }

    /**
     * @param timeoutMillis negative: wait forever; 0: return at once
     * @return entries with non-zero {@code revents}; 0 on timeout or when a signal interrupted the wait
     */
    public static int poll(PollFds fds, int timeoutMillis) {
        long start = SyscallTrace.sink != null ? System.nanoTime() : 0;
        int n = POLL.waited(LIBC.poll(fds.pointer(), fds.count(), timeoutMillis), "nfds ", fds.count());
        if (SyscallTrace.sink != null) {
            trace(fds, timeoutMillis, n, start);
        }
        return n;
    }

    /** {@code poll(nfds 3, timeout ∞) = 1 after 812 µs: fd 7 POLLIN|POLLHUP}. */
    private static void trace(PollFds fds, int timeoutMillis, int n, long start) {
        StringBuilder b = new StringBuilder("poll(nfds ").append(fds.count()).append(", timeout ")
                .append(SyscallTrace.timeout(timeoutMillis, "ms")).append(") = ").append(n)
                .append(" after ").append((System.nanoTime() - start) / 1_000).append(" µs");
        String sep = ": ";
        for (int i = 0; i < fds.count(); i++) {
            int revents = fds.revents(i);
            if (revents != 0) {
                b.append(sep).append("fd ").append(SyscallTrace.fd(fds.fd(i))).append(' ').append(SyscallTrace.pollEvents(revents));
                sep = ", ";
            }
        }
        SyscallTrace.line(b.toString());
    }
}
