package io.muxlab.core.sys;

import static io.muxlab.core.sys.Native.LIBC;
import static io.muxlab.core.sys.Syscall.EVENTFD;

/**
 * An {@code eventfd}: a kernel counter that is readable while non-zero. Another thread calls
 * {@link #signal()} to wake a loop blocked in select, poll or epoll_wait; the loop watches
 * {@link #fd()} for reading and calls {@link #drain()} when it fires.
 *
 * <p>Threading: {@link #signal()} may be called from any thread; {@link #drain()} by the owning
 * loop only. {@code signal} and {@code close} hold the same lock, so a late signal can never write
 * to a descriptor number that was closed and handed to someone else.
 */
public final class EventFd implements AutoCloseable {
    static final int EFD_NONBLOCK = 0x800;
    static final int EFD_CLOEXEC = 0x80000;

    private final int fd;
    /** The descriptor and both blocks; closed under the lock that {@link #signal()} holds. */
    private final Owned owned;
    /** Holds the value 1 for every signal; read-only after construction, so threads may share it. */
    private final NativeMemory one;
    /** The owning loop's read buffer. */
    private final NativeMemory counter;

    public EventFd() {
        fd = EVENTFD.check(LIBC.eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC), "");
        owned = new Owned(fd);
        one = owned.allocate(8);
        one.pointer().putLong(0, 1L);
        counter = owned.allocate(8);
    }

    /** Adds 1 to the counter, making the descriptor readable. Safe from any thread; a no-op once closed. */
    public synchronized void signal() {
        if (!owned.isOpen()) {
            return;
        }
        // WOULD_BLOCK only when the counter is at its maximum: the fd is readable already.
        Fds.write(fd, one.address(), 8);
    }

    /** Reads and resets the counter; returns how many signals it held (0 if none). Owner thread only. */
    public long drain() {
        long n = Fds.read(fd, counter.address(), 8);
        return n == Fds.WOULD_BLOCK ? 0 : counter.pointer().getLong(0);
    }

    public int fd() {
        return fd;
    }

    @Override
    public synchronized void close() {
        owned.close();
    }
}
