package io.muxlab.core.sys;

import static io.muxlab.core.sys.Native.LIBC;

import jnr.ffi.Platform;
import jnr.ffi.Pointer;

/**
 * An epoll instance and its reused array of ready events. Interest lives in the kernel
 * ({@code epoll_ctl} once per change, not once per wait), and {@code epoll_wait} returns only the
 * ready descriptors: its cost follows the number ready, not the number watched.
 *
 * <p>{@code struct epoll_event { uint32_t events; epoll_data_t data; }} is declared
 * {@code __attribute__((packed))} on x86-64 only, so it is 12 bytes there (data at offset 4) and
 * 16 bytes elsewhere, aarch64 included (data at offset 8). {@link #LAYOUT} picks by architecture.
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
    public static final int EPOLLEXCLUSIVE = 1 << 28;
    public static final int EPOLLONESHOT = 1 << 30;
    public static final int EPOLLET = 1 << 31;

    static final int EPOLL_CTL_ADD = 1;
    static final int EPOLL_CTL_DEL = 2;
    static final int EPOLL_CTL_MOD = 3;
    static final int EPOLL_CLOEXEC = 0x80000;

    /** Size of {@code struct epoll_event} and the offset of its {@code data} field. */
    public record Layout(int size, int dataOffset) {
    }

    public static final Layout LAYOUT = Platform.getNativePlatform().getCPU() == Platform.CPU.X86_64
            ? new Layout(12, 4)
            : new Layout(16, 8);

    private final int epfd;
    private final int maxEvents;
    private final NativeMemory ready;
    private final NativeMemory change;

    /** @param maxEvents how many ready events one {@link #wait} can return */
    public Epoll(int maxEvents) {
        if (maxEvents <= 0) {
            throw new IllegalArgumentException("maxEvents must be positive: " + maxEvents);
        }
        Syscall.EPOLL_CREATE1.count();
        int fd = LIBC.epoll_create1(EPOLL_CLOEXEC);
        if (fd < 0) {
            throw SyscallException.fromErrno("epoll_create1", "EPOLL_CLOEXEC");
        }
        NativeMemory events = null;
        try {
            events = NativeMemory.allocate((long) maxEvents * LAYOUT.size());
            this.change = NativeMemory.allocate(LAYOUT.size());
        } catch (RuntimeException | Error e) {
            if (events != null) {
                events.close();
            }
            Fds.closeQuietly(fd);
            throw e;
        }
        this.epfd = fd;
        this.maxEvents = maxEvents;
        this.ready = events;
    }

    /** EPOLL_CTL_ADD: watch {@code fd} for {@code events}; {@code data} comes back with each event. */
    public void add(int fd, int events, long data) {
        ctl(EPOLL_CTL_ADD, "EPOLL_CTL_ADD", fd, events, data);
    }

    /** EPOLL_CTL_MOD: replace the events and data of a watched descriptor. */
    public void modify(int fd, int events, long data) {
        ctl(EPOLL_CTL_MOD, "EPOLL_CTL_MOD", fd, events, data);
    }

    /** EPOLL_CTL_DEL. (Closing a descriptor also removes it, once no other fd refers to the file.) */
    public void delete(int fd) {
        ctl(EPOLL_CTL_DEL, "EPOLL_CTL_DEL", fd, 0, 0);
    }

    /**
     * Waits for ready descriptors.
     *
     * @param timeoutMillis negative: wait forever; 0: return at once
     * @return how many events {@link #events(int)} and {@link #data(int)} now describe; 0 on
     *     timeout or when a signal interrupted the wait (EINTR)
     */
    public int wait(int timeoutMillis) {
        Syscall.EPOLL_WAIT.count();
        int n = LIBC.epoll_wait(epfd, ready.pointer(), maxEvents, timeoutMillis);
        if (n >= 0) {
            return n;
        }
        int errno = Native.errno();
        if (errno == Errno.EINTR) {
            return 0;
        }
        throw new SyscallException("epoll_wait", errno, "epfd " + epfd);
    }

    /** The event bits of ready entry {@code i} from the last {@link #wait}. */
    public int events(int i) {
        return ready.pointer().getInt((long) i * LAYOUT.size());
    }

    /** The data of ready entry {@code i} from the last {@link #wait}. */
    public long data(int i) {
        return ready.pointer().getLong((long) i * LAYOUT.size() + LAYOUT.dataOffset());
    }

    public int maxEvents() {
        return maxEvents;
    }

    public int fd() {
        return epfd;
    }

    @Override
    public void close() {
        if (ready.isOpen()) {
            ready.close();
            change.close();
            Fds.close(epfd);
        }
    }

    private void ctl(int op, String opName, int fd, int events, long data) {
        Pointer ev = change.pointer();
        ev.putInt(0, events);
        ev.putLong(LAYOUT.dataOffset(), data);
        Syscall.EPOLL_CTL.count();
        if (LIBC.epoll_ctl(epfd, op, fd, ev) < 0) {
            throw SyscallException.fromErrno("epoll_ctl", opName + ", fd " + fd);
        }
    }
}
