package io.muxlab.core.sys;

import static io.muxlab.core.sys.Native.LIBC;
import static io.muxlab.core.sys.Structs.EE_DATA;
import static io.muxlab.core.sys.Structs.EE_EVENTS;
import static io.muxlab.core.sys.Structs.SIZEOF_EPOLL_EVENT;
import static io.muxlab.core.sys.Syscall.EPOLL_CREATE1;
import static io.muxlab.core.sys.Syscall.EPOLL_CTL;
import static io.muxlab.core.sys.Syscall.EPOLL_WAIT;

import jnr.ffi.Pointer;

/**
 * An epoll instance and its reused array of ready events ({@code struct epoll_event}, laid out in
 * {@link Structs}). Interest lives in the kernel ({@code epoll_ctl} once per change, not once per
 * wait), and {@code epoll_wait} returns only the ready descriptors: its cost follows the number
 * ready, not the number watched.
 *
 * <p>One thread owns an instance. (The kernel allows epoll_ctl from other threads; muxlab's loops
 * do not need it and hand work to the owner through an {@link EventFd} instead.)
 */
public final class Epoll implements AutoCloseable {
    public static final int EPOLLIN = 0x001;
    public static final int EPOLLPRI = 0x002;
    public static final int EPOLLOUT = 0x004;
    public static final int EPOLLERR = 0x008;
    public static final int EPOLLHUP = 0x010;
    public static final int EPOLLRDHUP = 0x2000;
    /** Linux 4.5: of the epoll instances sharing one descriptor, wake only one (no thundering herd). */
    public static final int EPOLLEXCLUSIVE = 1 << 28;
    public static final int EPOLLET = 1 << 31;

    static final int EPOLL_CTL_ADD = 1;
    static final int EPOLL_CTL_DEL = 2;
    static final int EPOLL_CTL_MOD = 3;
    static final int EPOLL_CLOEXEC = 0x80000;

    private final int epfd;
    private final Owned owned;
    private final int maxEvents;
    private final NativeMemory ready;
    private final NativeMemory change;

    /** @param maxEvents how many ready events one {@link #wait} can return */
    public Epoll(int maxEvents) {
        if (maxEvents <= 0) {
            throw new IllegalArgumentException("maxEvents must be positive: " + maxEvents);
        }
        epfd = EPOLL_CREATE1.check(LIBC.epoll_create1(EPOLL_CLOEXEC), "EPOLL_CLOEXEC");
        owned = new Owned(epfd);
        ready = owned.allocate((long) maxEvents * SIZEOF_EPOLL_EVENT);
        change = owned.allocate(SIZEOF_EPOLL_EVENT);
        this.maxEvents = maxEvents;
    }

    /** EPOLL_CTL_ADD: watch {@code fd} for {@code events}; {@code data} comes back with each event. */
    public void add(int fd, int events, long data) {
        ctl(EPOLL_CTL_ADD, "EPOLL_CTL_ADD, fd ", fd, events, data);
    }

    /** EPOLL_CTL_MOD: replace the events and data of a watched descriptor. */
    public void modify(int fd, int events, long data) {
        ctl(EPOLL_CTL_MOD, "EPOLL_CTL_MOD, fd ", fd, events, data);
    }

    /** EPOLL_CTL_DEL. (Closing a descriptor also removes it, once no other fd refers to the file.) */
    public void delete(int fd) {
        ctl(EPOLL_CTL_DEL, "EPOLL_CTL_DEL, fd ", fd, 0, 0);
    }

    /**
     * Waits for ready descriptors.
     *
     * @param timeoutMillis negative: wait forever; 0: return at once
     * @return how many events {@link #events(int)} and {@link #data(int)} now describe; 0 on
     *     timeout or when a signal interrupted the wait (EINTR)
     */
    public int wait(int timeoutMillis) {
        long start = SyscallTrace.sink != null ? System.nanoTime() : 0;
        int n = EPOLL_WAIT.waited(LIBC.epoll_wait(epfd, ready.pointer(), maxEvents, timeoutMillis), "epfd ", epfd);
        if (SyscallTrace.sink != null) {
            traceWait(timeoutMillis, n, start);
        }
        return n;
    }

    private void traceWait(int timeoutMillis, int n, long start) {
        StringBuilder b = new StringBuilder("epoll_wait(epfd ").append(epfd).append(", maxevents ").append(maxEvents)
                .append(", timeout ").append(SyscallTrace.timeout(timeoutMillis, "ms")).append(") = ").append(n)
                .append(" after ").append((System.nanoTime() - start) / 1_000).append(" µs");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? ": " : ", ").append("fd ").append(SyscallTrace.fd((int) data(i))).append(' ')
                    .append(SyscallTrace.epollEvents(events(i)));
        }
        SyscallTrace.line(b.toString());
    }

    /** The event bits of ready entry {@code i} from the last {@link #wait}. */
    public int events(int i) {
        return ready.pointer().getInt((long) i * SIZEOF_EPOLL_EVENT + EE_EVENTS);
    }

    /** The data of ready entry {@code i} from the last {@link #wait}. */
    public long data(int i) {
        return ready.pointer().getLong((long) i * SIZEOF_EPOLL_EVENT + EE_DATA);
    }

    public int fd() {
        return epfd;
    }

    @Override
    public void close() {
        owned.close();
    }

    /** {@code label} is a constant such as {@code "EPOLL_CTL_ADD, fd "}, so no string is built unless the call fails. */
    private void ctl(int op, String label, int fd, int events, long data) {
        Pointer ev = change.pointer();
        ev.putInt(EE_EVENTS, events);
        ev.putLong(EE_DATA, data);
        // The mask is spelled out only while tracing: the hot path builds no string.
        String detail = SyscallTrace.sink != null && op != EPOLL_CTL_DEL ? ", " + SyscallTrace.epollEvents(events) : "";
        EPOLL_CTL.check(LIBC.epoll_ctl(epfd, op, fd, ev), label, fd, detail);
    }
}
