package io.muxlab.core.sys;

import static io.muxlab.core.sys.Native.LIBC;
import static io.muxlab.core.sys.Structs.IT_INTERVAL;
import static io.muxlab.core.sys.Structs.IT_VALUE;
import static io.muxlab.core.sys.Structs.SIZEOF_ITIMERSPEC;
import static io.muxlab.core.sys.Structs.TV_NSEC;
import static io.muxlab.core.sys.Structs.TV_SEC;
import static io.muxlab.core.sys.Syscall.TIMERFD_CREATE;
import static io.muxlab.core.sys.Syscall.TIMERFD_GETTIME;
import static io.muxlab.core.sys.Syscall.TIMERFD_SETTIME;

import jnr.ffi.Pointer;

/**
 * A timer that the kernel keeps and that becomes readable when it expires: {@code timerfd_create},
 * {@code timerfd_settime}, {@code timerfd_gettime}, and the 8-byte expiration count that
 * {@code read} returns (how many times it expired since the last read, so a periodic timer read
 * late reports its overruns instead of losing them).
 *
 * <p>One {@code struct itimerspec} (interval first, then value; see {@link Structs}) is reused for
 * every call. Non-blocking and close-on-exec. One thread owns an instance.
 */
public final class TimerFd implements AutoCloseable {
    static final int TFD_NONBLOCK = 0x800;
    static final int TFD_CLOEXEC = 0x80000;
    static final int TFD_TIMER_ABSTIME = 1;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** The clocks a timerfd can follow. */
    public enum Clock {
        /** Wall-clock time; jumps when the system time is set. */
        REALTIME(0),
        /** Never jumps; stops while the machine is suspended. The default for measuring delays. */
        MONOTONIC(1),
        /** Like MONOTONIC, but keeps counting through suspend. */
        BOOTTIME(7);

        final int id;

        Clock(int id) {
            this.id = id;
        }
    }

    /** What {@code timerfd_gettime} reports: time to the next expiration (0: disarmed) and the period (0: one-shot). */
    public record Setting(long remainingNanos, long intervalNanos) {
    }

    private final int fd;
    private final Owned owned;
    private final NativeMemory spec;
    private final NativeMemory count;

    public TimerFd(Clock clock) {
        fd = TIMERFD_CREATE.check(LIBC.timerfd_create(clock.id, TFD_NONBLOCK | TFD_CLOEXEC), clock.name());
        owned = new Owned(fd);
        spec = owned.allocate(SIZEOF_ITIMERSPEC);
        count = owned.allocate(8);
    }

    /**
     * Arms the timer to expire {@code initialNanos} from now and then every {@code intervalNanos}
     * (0: once). An initial value of 0 would disarm, so it is raised to 1 ns: due now.
     */
    public void arm(long initialNanos, long intervalNanos) {
        settime(0, Math.max(1, initialNanos), intervalNanos);
    }

    /** Arms the timer to expire at {@code deadlineNanos} on its clock (TFD_TIMER_ABSTIME). */
    public void armAbsolute(long deadlineNanos, long intervalNanos) {
        settime(TFD_TIMER_ABSTIME, Math.max(1, deadlineNanos), intervalNanos);
    }

    /** Stops the timer; a disarmed timerfd never becomes readable. */
    public void disarm() {
        settime(0, 0, 0);
    }

    public Setting get() {
        Pointer p = spec.pointer();
        TIMERFD_GETTIME.check(LIBC.timerfd_gettime(fd, p), "fd ", fd, "");
        return new Setting(timespec(p, IT_VALUE), timespec(p, IT_INTERVAL));
    }

    /** Expirations since the last read, or 0 if none (the read would block). */
    public long readExpirations() {
        long n = Fds.read(fd, count.address(), 8);
        if (n == Fds.WOULD_BLOCK) {
            return 0;
        }
        if (n != 8) {
            throw new IllegalStateException("timerfd read returned " + n + " bytes, not 8");
        }
        return count.pointer().getLong(0);
    }

    public int fd() {
        return fd;
    }

    @Override
    public void close() {
        owned.close();
    }

    private void settime(int flags, long valueNanos, long intervalNanos) {
        if (valueNanos < 0 || intervalNanos < 0) {
            throw new IllegalArgumentException("negative timer value: " + valueNanos + " ns, interval " + intervalNanos + " ns");
        }
        Pointer p = spec.pointer();
        p.putLong(IT_INTERVAL + TV_SEC, intervalNanos / NANOS_PER_SECOND);
        p.putLong(IT_INTERVAL + TV_NSEC, intervalNanos % NANOS_PER_SECOND);
        p.putLong(IT_VALUE + TV_SEC, valueNanos / NANOS_PER_SECOND);
        p.putLong(IT_VALUE + TV_NSEC, valueNanos % NANOS_PER_SECOND);
        TIMERFD_SETTIME.check(LIBC.timerfd_settime(fd, flags, p, null), "fd ", fd, "");
    }

    private static long timespec(Pointer p, long offset) {
        return p.getLong(offset + TV_SEC) * NANOS_PER_SECOND + p.getLong(offset + TV_NSEC);
    }
}
