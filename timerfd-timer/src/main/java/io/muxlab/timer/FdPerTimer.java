package io.muxlab.timer;

import io.muxlab.core.sys.Epoll;
import io.muxlab.core.sys.Errno;
import io.muxlab.core.sys.Proc;
import io.muxlab.core.sys.SyscallException;
import io.muxlab.core.sys.TimerFd;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

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
 * the registration's id in the high 32 bits and the descriptor in the low 32: the table below finds
 * the registration by descriptor, and the id tells a stale event for a closed and reused number
 * from a fresh one. A registered timer's {@link Placement#slot} is its descriptor number, the index
 * of that table.
 */
final class FdPerTimer implements TimerStrategy {
    /** How long a caller waits for the loop to close the descriptors of timers no longer live. */
    private static final long RELEASE_WAIT_NANOS = 1_000_000_000L;
    private static final int MAX_UNRELEASED = 1024;

    private Epoll epoll;
    /** Timerfds created and not yet closed, any thread: more than the live timers while cancels are under way. */
    private final AtomicInteger open = new AtomicInteger();
    /** Registration by descriptor number, for the timers registered in epoll; grows by doubling. */
    private Descriptor[] byFd = new Descriptor[64];
    /** The id of the next registration; loop thread only. */
    private long nextId;

    FdPerTimer() {
        // Out of descriptors, the JVM cannot open a class file either: load what the refusal
        // needs (the limit, errno names) while it still can.
        Proc.openFileLimit();
        Errno.name(Errno.EMFILE);
    }

    @Override
    public String name() {
        return "fd-per-timer";
    }

    @Override
    public boolean holdsResources() {
        return true;
    }

    /**
     * Creates the timer's timerfd. Two waits, both bounded and never on the loop thread (which is
     * the one that closes descriptors): while more than {@value #MAX_UNRELEASED} descriptors of
     * cancelled or fired timers wait for the loop to close them — a caller that schedules and
     * cancels faster than the loop can close must not eat the whole descriptor budget — and, out of
     * descriptors, while some of those are still on their way back.
     */
    @Override
    public AutoCloseable acquire(boolean mayWait, IntSupplier liveTimers) {
        long giveUp = System.nanoTime() + RELEASE_WAIT_NANOS;
        while (mayWait && unreleased(liveTimers) > MAX_UNRELEASED && System.nanoTime() < giveUp) {
            Thread.yield();
        }
        while (true) {
            try {
                Descriptor d = new Descriptor(new TimerFd(TimerFd.Clock.MONOTONIC));
                open.incrementAndGet();
                return d;
            } catch (SyscallException e) {
                if (e.errno() != Errno.EMFILE && e.errno() != Errno.ENFILE) {
                    throw e;
                }
                if (!mayWait || unreleased(liveTimers) <= 0 || System.nanoTime() > giveUp) {
                    throw refusal(e);
                }
                Thread.yield();
            }
        }
    }

    /** Descriptors whose timers are no longer live and that the loop has not closed yet (about). */
    private int unreleased(IntSupplier liveTimers) {
        return open.get() - liveTimers.getAsInt();
    }

    /**
     * The timerfd of one timer; closing it gives the descriptor back to {@link #open}'s count.
     * {@code timer} and {@code id} are set by the loop when it registers the descriptor.
     */
    private final class Descriptor implements AutoCloseable {
        final TimerFd fd;
        Placement timer;
        long id;

        Descriptor(TimerFd fd) {
            this.fd = fd;
        }

        @Override
        public void close() {
            fd.close();
            open.decrementAndGet();
        }
    }

    private static IllegalStateException refusal(SyscallException e) {
        Proc.FileLimit limit = Proc.openFileLimit();
        return new IllegalStateException("fd-per-timer needs one descriptor per timer and the process has none left ("
                + e.getMessage() + "; RLIMIT_NOFILE soft limit " + describe(limit.soft()) + ", hard "
                + describe(limit.hard()) + "): raise the limit (ulimit -n) or use the heap or wheel strategy, "
                + "which keep any number of timers on one descriptor", e);
    }

    @Override
    public void register(Epoll epoll) {
        this.epoll = epoll;
    }

    @Override
    public void place(Placement timer, AutoCloseable resource) {
        Descriptor d = (Descriptor) resource;
        TimerFd fd = d.fd;
        if (timer.slot == Placement.NOT_HELD) {
            int n = fd.fd();
            d.timer = timer;
            d.id = nextId++;
            epoll.add(n, Epoll.EPOLLIN, (d.id << 32) | n); // the id's low 32 bits: enough to tell apart
            if (n >= byFd.length) {
                byFd = Arrays.copyOf(byFd, Math.max(byFd.length * 2, n + 1));
            }
            byFd[n] = d;
            timer.slot = n;
        }
        // Re-arming also resets the expiration count the descriptor held.
        fd.armAbsolute(timer.due, timer.period);
    }

    /**
     * Forgets the registration; the loop closes the descriptor next (which also takes it out of
     * the epoll set), or it has already.
     */
    @Override
    public void remove(Placement timer) {
        int n = timer.slot;
        if (n != Placement.NOT_HELD) {
            if (byFd[n] != null && byFd[n].timer == timer) {
                byFd[n] = null;
            }
            timer.slot = Placement.NOT_HELD;
        }
    }

    @Override
    public boolean holds(Placement timer) {
        return timer.slot != Placement.NOT_HELD;
    }

    @Override
    public void expire(long data, long now, Expired expired) {
        int n = (int) data;
        Descriptor d = n < byFd.length ? byFd[n] : null;
        if (d == null || (d.id & 0xFFFF_FFFFL) != data >>> 32) {
            return; // its timer was removed earlier in this turn
        }
        long count = d.fd.readExpirations();
        if (count > 0) {
            expired.add(d.timer, count);
        }
    }

    @Override
    public long beforeWait(long now) {
        // Every timer is armed in the kernel already. A new one is armed only once the loop has
        // registered it, so every schedule needs the loop.
        return Long.MAX_VALUE;
    }

    @Override
    public boolean cancelNeedsLoop() {
        return true;
    }

    @Override
    public void forEach(Consumer<Placement> action) {
        for (Descriptor d : byFd) {
            if (d != null) {
                action.accept(d.timer);
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
