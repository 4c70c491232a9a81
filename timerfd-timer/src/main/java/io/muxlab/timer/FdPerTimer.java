package io.muxlab.timer;

import io.muxlab.core.sys.Epoll;
import io.muxlab.core.sys.Errno;
import io.muxlab.core.sys.Proc;
import io.muxlab.core.sys.SyscallException;
import io.muxlab.core.sys.TimerFd;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The {@code fd-per-timer} strategy, as Python's {@code timerstack} does it: every timer is its own
 * timerfd, registered in epoll, and the kernel does all the timing — including fixed-rate periods
 * and the count of expirations a late reader missed, which {@code read} returns.
 *
 * <p>What it gets right: no data structure of our own, nanosecond deadlines, no wake-up until
 * something is due. Where it breaks: each timer is a descriptor, so RLIMIT_NOFILE caps the number
 * of timers (shared with every socket and file of the process), and every schedule, reschedule
 * and cancel is a syscall or three ({@code timerfd_create}, {@code epoll_ctl}, {@code
 * timerfd_settime}, {@code close}).
 *
 * <p>The timerfd is created on the caller's thread ({@link #acquire}), so running out of
 * descriptors is an exception for the caller rather than a surprise on the loop. The epoll data is
 * the timer's id in the high 32 bits and the descriptor in the low 32: the table below finds the
 * timer by descriptor, and the id tells a stale event for a closed and reused number from a
 * fresh one.
 */
final class FdPerTimer implements TimerStrategy {
    private Epoll epoll;
    /** Timer by descriptor number, for the timers registered in epoll; grows by doubling. */
    private LoopTimer[] byFd = new LoopTimer[64];

    @Override
    public String name() {
        return "fd-per-timer";
    }

    @Override
    public AutoCloseable acquire(LoopTimer timer) {
        try {
            return new TimerFd(TimerFd.Clock.MONOTONIC);
        } catch (SyscallException e) {
            if (e.errno() != Errno.EMFILE && e.errno() != Errno.ENFILE) {
                throw e;
            }
            Proc.FileLimit limit = Proc.openFileLimit();
            throw new IllegalStateException("fd-per-timer needs one descriptor per timer and the process has none left ("
                    + e.getMessage() + "; RLIMIT_NOFILE soft limit " + describe(limit.soft()) + ", hard "
                    + describe(limit.hard()) + "): raise the limit (ulimit -n) or use the heap or wheel strategy, "
                    + "which keep any number of timers on one descriptor", e);
        }
    }

    @Override
    public void register(Epoll epoll) {
        this.epoll = epoll;
    }

    @Override
    public void place(LoopTimer timer, AutoCloseable resource) {
        TimerFd fd = (TimerFd) resource;
        if (timer.slot != fd) {
            int n = fd.fd();
            epoll.add(n, Epoll.EPOLLIN, (timer.id << 32) | n); // the id's low 32 bits: enough to tell apart
            if (n >= byFd.length) {
                byFd = Arrays.copyOf(byFd, Math.max(byFd.length * 2, n + 1));
            }
            byFd[n] = timer;
            timer.slot = fd;
        }
        // Re-arming also resets the expiration count the descriptor held.
        fd.armAbsolute(timer.loopDeadline, timer.loopPeriod);
    }

    /**
     * Forgets the registration; the loop closes the descriptor next (which also takes it out of
     * the epoll set), or it has already.
     */
    @Override
    public void remove(LoopTimer timer) {
        TimerFd fd = (TimerFd) timer.slot;
        if (fd != null) {
            int n = fd.fd();
            if (byFd[n] == timer) {
                byFd[n] = null;
            }
            timer.slot = null;
        }
    }

    @Override
    public boolean holds(LoopTimer timer) {
        return timer.slot != null;
    }

    @Override
    public void expire(long data, long now, Expired expired) {
        int n = (int) data;
        LoopTimer timer = n < byFd.length ? byFd[n] : null;
        if (timer == null || (timer.id & 0xFFFF_FFFFL) != data >>> 32) {
            return; // its timer was removed earlier in this turn
        }
        long count = ((TimerFd) timer.slot).readExpirations();
        if (count > 0) {
            expired.add(timer, count);
        }
    }

    @Override
    public void beforeWait(long now) {
        // Every timer is armed in the kernel already: nothing to do.
    }

    @Override
    public void forEach(Consumer<LoopTimer> action) {
        for (LoopTimer timer : byFd) {
            if (timer != null) {
                action.accept(timer);
            }
        }
    }

    /** The descriptors belong to the timers, which the loop releases; there is nothing else. */
    @Override
    public void close() {
        Arrays.fill(byFd, null);
    }

    private static String describe(long limit) {
        return limit == Proc.UNLIMITED ? "unlimited" : Long.toString(limit);
    }
}
