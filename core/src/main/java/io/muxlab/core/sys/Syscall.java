package io.muxlab.core.sys;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every syscall the layer makes, each with a process-wide call counter, so that a server can
 * report syscalls per echoed message. A counter is a {@link LongAdder}: an uncontended increment
 * is one CAS on a cache line that the calling thread already owns, cheap beside the call itself.
 */
public enum Syscall {
    SOCKET, SOCKETPAIR, SETSOCKOPT, GETSOCKOPT, BIND, LISTEN, CONNECT, GETSOCKNAME, ACCEPT4, SHUTDOWN,
    READ, WRITE, CLOSE, FCNTL, PIPE2,
    SELECT, POLL, EPOLL_CREATE1, EPOLL_CTL, EPOLL_WAIT,
    TIMERFD_CREATE, TIMERFD_SETTIME, TIMERFD_GETTIME, EVENTFD,
    GETRLIMIT, SETRLIMIT, GETPPID,
    IO_URING_SETUP, IO_URING_ENTER, IO_URING_REGISTER, MMAP, MUNMAP;

    private final LongAdder calls = new LongAdder();
    private final String cName = name().toLowerCase(java.util.Locale.ROOT);

    /** The C name, e.g. {@code epoll_wait}. */
    public String cName() {
        return cName;
    }

    void count() {
        calls.increment();
    }

    public long calls() {
        return calls.sum();
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
