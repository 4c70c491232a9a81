package io.muxlab.core.sys;

import io.muxlab.core.trace.TraceSink;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code --trace=syscalls}: one line per call the layer makes, timestamped in microseconds since
 * the trace started, with its arguments, its result or errno (EAGAIN shown as such), and for the
 * waits every reported descriptor with its mask in C names:
 *
 * <pre>
 *     1843 µs epoll_wait(epfd 6, maxevents 1024, timeout -1) = 1 after 1201 µs: fd 4 (listener) EPOLLIN
 *     1870 µs accept4(fd 4 (listener)) = 7
 *     1901 µs epoll_ctl(EPOLL_CTL_ADD, fd 7, EPOLLIN|EPOLLRDHUP) = 0
 *     2950 µs read(fd 7, 16384) = 6
 *     3002 µs read(fd 7, 16378) = -1 EAGAIN
 * </pre>
 *
 * Edits of interest that are no syscall (select's fd_sets, poll's pollfd array) get a line of
 * their own, marked {@code ·}, so a select or poll trace shows what the next wait will hand over.
 *
 * <p>Zero cost when off: every hook is one load of {@link #sink} and a null test at the call site;
 * the line (and any mask's name) is built only behind that test. A completion loop (io_uring) uses
 * the same hooks: {@link #line} for a call of its own, {@link #label} for its descriptors.
 *
 * <p>Threading: {@link #start} before the loops run, {@link #stop} after they end; lines from any
 * thread go to the one {@link TraceSink}, which never blocks. A thread other than {@code main} is
 * named at the start of its lines, so the loops of {@code --loops N} can be told apart.
 */
public final class SyscallTrace {
    /** The sink while the trace is on, else null: the one field every hook reads. */
    static volatile TraceSink sink;
    private static volatile long startNanos;
    /** What a descriptor is, for the reader: {@code listener}, {@code wake-up}. */
    private static final Map<Integer, String> LABELS = new ConcurrentHashMap<>();

    private SyscallTrace() {
    }

    /** Starts tracing every call into {@code out}. */
    public static void start(TraceSink out) {
        startNanos = System.nanoTime();
        sink = out;
    }

    /** Stops tracing and forgets the labels. */
    public static void stop() {
        sink = null;
        LABELS.clear();
    }

    public static boolean on() {
        return sink != null;
    }

    /** Names {@code fd} in every line that shows it, e.g. {@code fd 4 (listener)}; a no-op when off. */
    public static void label(int fd, String what) {
        if (sink != null) {
            LABELS.put(fd, what);
        }
    }

    /** Forgets the label of a descriptor that was closed, so its number can be reused unlabelled. */
    static void unlabel(int fd) {
        if (sink != null) {
            LABELS.remove(fd);
        }
    }

    /** {@code 7}, or {@code 4 (listener)}. */
    public static String fd(int fd) {
        String what = LABELS.get(fd);
        return what == null ? Integer.toString(fd) : fd + " (" + what + ")";
    }

    /** One line, stamped and attributed: {@code text} is the call as C would show it. Call only when {@link #on()}. */
    public static void line(String text) {
        TraceSink out = sink;
        if (out == null) {
            return;
        }
        long micros = (System.nanoTime() - startNanos) / 1_000;
        String thread = Thread.currentThread().getName();
        out.line(String.format("%9d µs %s%s", micros, "main".equals(thread) ? "" : "[" + thread + "] ", text));
    }

    /** A call's result as strace shows it: the value, or {@code -1 EAGAIN}. */
    static String result(long rc, int errno) {
        return rc >= 0 ? Long.toString(rc) : "-1 " + Errno.name(errno);
    }

    /** A call checked by {@link Syscall#check}: {@code setsockopt(fd 7, TCP_NODELAY) = 0}. */
    static void checked(Syscall call, String label, long n, String detail, long rc, int errno) {
        String args = label.endsWith("fd ") ? label + fd((int) n) + detail : label + n + detail;
        line(call.cName() + "(" + args + ") = " + result(rc, errno));
    }

    /** {@code poll(2)} events in C names: {@code POLLIN|POLLHUP}. */
    public static String pollEvents(int events) {
        StringBuilder b = new StringBuilder();
        name(b, events, Poll.POLLIN, "POLLIN");
        name(b, events, Poll.POLLPRI, "POLLPRI");
        name(b, events, Poll.POLLOUT, "POLLOUT");
        name(b, events, Poll.POLLERR, "POLLERR");
        name(b, events, Poll.POLLHUP, "POLLHUP");
        name(b, events, Poll.POLLNVAL, "POLLNVAL");
        name(b, events, Poll.POLLRDHUP, "POLLRDHUP");
        return b.length() == 0 ? "0" : b.toString();
    }

    /** {@code epoll(7)} events in C names: {@code EPOLLIN|EPOLLRDHUP|EPOLLET}. */
    public static String epollEvents(int events) {
        StringBuilder b = new StringBuilder();
        name(b, events, Epoll.EPOLLIN, "EPOLLIN");
        name(b, events, Epoll.EPOLLPRI, "EPOLLPRI");
        name(b, events, Epoll.EPOLLOUT, "EPOLLOUT");
        name(b, events, Epoll.EPOLLERR, "EPOLLERR");
        name(b, events, Epoll.EPOLLHUP, "EPOLLHUP");
        name(b, events, Epoll.EPOLLRDHUP, "EPOLLRDHUP");
        name(b, events, Epoll.EPOLLEXCLUSIVE, "EPOLLEXCLUSIVE");
        name(b, events, Epoll.EPOLLET, "EPOLLET");
        return b.length() == 0 ? "0" : b.toString();
    }

    /** A timeout as the reader thinks of it: {@code -1} is forever. */
    static String timeout(long timeout, String unit) {
        return timeout < 0 ? "∞" : timeout + " " + unit;
    }

    private static void name(StringBuilder b, int events, int bit, String name) {
        if ((events & bit) != 0) {
            if (b.length() > 0) {
                b.append('|');
            }
            b.append(name);
        }
    }
}
