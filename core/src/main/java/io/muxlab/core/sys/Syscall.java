package io.muxlab.core.sys;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every syscall the layer makes, and the one chokepoint every call goes through: it counts the
 * call, checks its result and, on failure, throws a {@link SyscallException} named after the
 * constant. Like mio's {@code syscall!}, but Java has no macros, so the call itself is the argument:
 * {@code int fd = SOCKET.check(LIBC.socket(AF_INET, type, 0), "AF_INET")} is evaluated once, then
 * counted and checked. The context of an error message is handed over in pieces (a label, a
 * number, a detail) and joined only when the call failed, so the hot path allocates nothing.
 *
 * <p>What errno means beyond "failed" is decided here too, in one place each: {@link #io} retries
 * EINTR and turns EAGAIN into {@link #WOULD_BLOCK}; {@link #waited} turns EINTR into "nothing ready".
 * The two calls that treat EINTR otherwise ({@code close}, {@code connect}) say why beside the call.
 *
 * <p>A counter is a {@link LongAdder}: an uncontended increment is one CAS on a cache line that the
 * calling thread already owns, cheap beside the call itself. The harness reads the counters by C name.
 */
public enum Syscall {
    SOCKET, SOCKETPAIR, SETSOCKOPT, GETSOCKOPT, BIND, LISTEN, CONNECT, GETSOCKNAME, ACCEPT4, SHUTDOWN,
    READ, WRITE, CLOSE, FCNTL, PIPE2,
    SELECT, POLL, EPOLL_CREATE1, EPOLL_CTL, EPOLL_WAIT,
    TIMERFD_CREATE, TIMERFD_SETTIME, TIMERFD_GETTIME, EVENTFD,
    GETRLIMIT, SETRLIMIT, GETPPID, CLOCK_GETTIME,
    IO_URING_SETUP, IO_URING_ENTER, IO_URING_REGISTER, MMAP, MUNMAP;

    /** What {@link #io} returns for EAGAIN: the descriptor has nothing to give or no room. */
    static final int WOULD_BLOCK = -1;

    /** A call on one descriptor that {@link #io} may repeat: read, write, accept4. */
    @FunctionalInterface
    interface FdCall {
        long invoke(int fd, long address, long count);
    }

    private final LongAdder calls = new LongAdder();
    private final String cName = name().toLowerCase(Locale.ROOT);

    /** The C name, e.g. {@code epoll_wait}. */
    public String cName() {
        return cName;
    }

    public long calls() {
        return calls.sum();
    }

    /** Counts this call and returns its result, or {@code -errno} when it failed: the kernel's own convention. */
    long call(long rc) {
        calls.increment();
        return rc >= 0 ? rc : -Native.errno();
    }

    /** Counts this call; returns {@code rc}, or throws for any failure. */
    int check(int rc, String context) {
        calls.increment();
        int errno = rc < 0 ? Native.errno() : 0;
        if (SyscallTrace.sink != null) {
            SyscallTrace.line(cName + "(" + context + ") = " + SyscallTrace.result(rc, errno));
        }
        if (rc < 0) {
            throw failed(errno, context);
        }
        return rc;
    }

    /** As {@link #check(int, String)}, the context being {@code label + n + detail}, e.g. {@code "fd 7, SO_LINGER"}. */
    int check(int rc, String label, long n, String detail) {
        calls.increment();
        int errno = rc < 0 ? Native.errno() : 0;
        if (SyscallTrace.sink != null) {
            SyscallTrace.checked(this, label, n, detail, rc, errno);
        }
        if (rc < 0) {
            throw failed(errno, label, n, detail);
        }
        return rc;
    }

    /**
     * A wait (select, poll, epoll_wait): the number ready, or 0 when a signal ended the wait early
     * (EINTR). Not retried here: the loop around the wait recomputes its timeout, as after any
     * early wake-up.
     */
    int waited(int rc, String label, long n) {
        long r = call(rc);
        if (r >= 0) {
            return (int) r;
        }
        if (r == -Errno.EINTR) {
            return 0;
        }
        throw failed((int) -r, label, n, "");
    }

    /**
     * The one place that retries EINTR and turns EAGAIN into {@link #WOULD_BLOCK}: a read, write or
     * accept4 on {@code fd}. {@code call} must be a constant (a static final, non-capturing lambda),
     * so nothing is allocated and the JIT calls the libc stub directly once this is inlined. accept4 also skips a
     * connection that was aborted while it waited in the queue (ECONNABORTED) and takes the next.
     */
    long io(FdCall call, String label, int fd, long address, long count) {
        while (true) {
            long r = call(call.invoke(fd, address, count));
            if (SyscallTrace.sink != null) {
                traceIo(fd, count, r);
            }
            if (r >= 0) {
                return r;
            }
            if (r == -Errno.EAGAIN) {
                return WOULD_BLOCK;
            }
            if (r != -Errno.EINTR && !(this == ACCEPT4 && r == -Errno.ECONNABORTED)) {
                throw failed((int) -r, label, fd, "");
            }
        }
    }

    /** {@code read(fd 7, 16384) = 6}, {@code read(fd 7, 16384) = -1 EAGAIN}, {@code accept4(fd 4 (listener)) = 7}. */
    private void traceIo(int fd, long count, long r) {
        String args = this == ACCEPT4 ? "fd " + SyscallTrace.fd(fd) : "fd " + SyscallTrace.fd(fd) + ", " + count;
        SyscallTrace.line(cName + "(" + args + ") = " + (r >= 0 ? Long.toString(r) : SyscallTrace.result(-1, (int) -r)));
    }

    /** The exception for this call failing with {@code errno}. */
    SyscallException failed(int errno, String context) {
        return new SyscallException(cName, errno, context);
    }

    /** As {@link #failed(int, String)}, the context joined only now that it is needed. */
    SyscallException failed(int errno, String label, long n, String detail) {
        return failed(errno, label + n + detail);
    }

    /** Calls made so far, by C name, in declaration order, leaving out syscalls never made. */
    public static Map<String, Long> snapshot() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Syscall s : values()) {
            long n = s.calls();
            if (n != 0) {
                counts.put(s.cName, n);
            }
        }
        return counts;
    }

    /** Sum of all calls so far. */
    public static long total() {
        long sum = 0;
        for (Syscall s : values()) {
            sum += s.calls();
        }
        return sum;
    }
}
