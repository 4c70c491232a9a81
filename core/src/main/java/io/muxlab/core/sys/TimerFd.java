package io.muxlab.core.sys;

import static io.muxlab.core.sys.Native.LIBC;

import jnr.ffi.Pointer;

/**
 * A timer that the kernel keeps and that becomes readable when it expires: {@code timerfd_create},
 * {@code timerfd_settime}, {@code timerfd_gettime}, and the 8-byte expiration count that
 * {@code read} returns (how many times it expired since the last read, so a periodic timer read
 * late reports its overruns instead of losing them).
 *
 * <p>{@code struct itimerspec { timespec it_interval; timespec it_value; }}, each timespec two
 * 64-bit fields (seconds, nanoseconds): 32 bytes, reused for every call. Non-blocking and
 * close-on-exec. One thread owns an instance.
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

    private final Clock clock;
    private final int fd;
    private final NativeMemory spec;
    private final NativeMemory count;

    public TimerFd(Clock clock) {
        Syscall.TIMERFD_CREATE.count();
        int created = LIBC.timerfd_create(clock.id, TFD_NONBLOCK | TFD_CLOEXEC);
        if (created < 0) {
            throw SyscallException.fromErrno("timerfd_create", clock.name());
        }
        NativeMemory s = null;
        try {
            s = NativeMemory.allocate(32);
            this.count = NativeMemory.allocate(8);
        } catch (RuntimeException | Error e) {
            if (s != null) {
                s.close();
            }
            Fds.closeQuietly(created);
            throw e;
        }
        this.clock = clock;
        this.fd = created;
        this.spec = s;
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
        Syscall.TIMERFD_GETTIME.count();
        Pointer p = spec.pointer();
        if (LIBC.timerfd_gettime(fd, p) < 0) {
            throw SyscallException.fromErrno("timerfd_gettime", "fd " + fd);
        }
        return new Setting(timespec(p, 16), timespec(p, 0));
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
        if (spec.isOpen()) {
            spec.close();
            count.close();
            Fds.close(fd);
        }
    }

    private void settime(int flags, long valueNanos, long intervalNanos) {
        if (valueNanos < 0 || intervalNanos < 0) {
            throw new IllegalArgumentException("negative timer value: " + valueNanos + " ns, interval " + intervalNanos + " ns");
        }
        Pointer p = spec.pointer();
        p.putLong(0, intervalNanos / NANOS_PER_SECOND);
        p.putLong(8, intervalNanos % NANOS_PER_SECOND);
        p.putLong(16, valueNanos / NANOS_PER_SECOND);
        p.putLong(24, valueNanos % NANOS_PER_SECOND);
        Syscall.TIMERFD_SETTIME.count();
        if (LIBC.timerfd_settime(fd, flags, p, null) < 0) {
            throw SyscallException.fromErrno("timerfd_settime", "fd " + fd);
        }
    }

    private static long timespec(Pointer p, long offset) {
        return p.getLong(offset) * NANOS_PER_SECOND + p.getLong(offset + 8);
    }

    /**
     * Now on this timer's clock, in nanoseconds: the base for {@link #armAbsolute}. (On Linux,
     * {@link System#nanoTime()} reads CLOCK_MONOTONIC too; {@code clock_gettime} runs in the vDSO
     * and makes no syscall.)
     */
    public long now() {
        Pointer p = spec.pointer();
        if (LIBC.clock_gettime(clock.id, p) < 0) {
            throw SyscallException.fromErrno("clock_gettime", clock.name());
        }
        return timespec(p, 0);
    }
}
