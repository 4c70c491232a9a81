package io.muxlab.timer;

import io.muxlab.core.timer.Timer;
import io.muxlab.core.timer.TimerCallback;
import java.time.Duration;

/**
 * The handle every strategy returns: the state a user sees (live or not, deadline, period,
 * expirations) and the hand-over to the loop thread. It is also what the strategy holds (its
 * {@link Placement}: due, period, slot), so that a schedule allocates this one object and nothing
 * else — with a million timers alive for minutes, every byte of it is copied by the collector
 * until it is old.
 *
 * <p>Threading: the fields under "guarded by this" change under the timer's own lock, from any
 * thread; they are volatile so that the getters read them without it. A change never touches the
 * strategy's structure directly: it hands the timer to the loop ({@link Handoff}), which then
 * makes its structure agree with the timer's latest state ({@link TimerLoop#reconcile}: a timer
 * handed over twice is reconciled twice, the second time for nothing). {@link Placement#due},
 * {@link Placement#slot} and {@link #placedGeneration} are the loop's, loop thread only. Callbacks
 * never run under the lock.
 *
 * <p>State: a one-shot timer goes ACTIVE → FIRED just before its callback runs, so a cancel racing
 * with the firing either wins (no callback) or returns false. A periodic timer goes ACTIVE → RUNNING
 * for the length of its callback and back; a cancel during RUNNING returns true and stops every
 * later call. Reschedule bumps the generation, so the loop recognises everything it holds for an
 * older generation as stale.
 */
final class LoopTimer extends Placement implements Timer {
    static final int ACTIVE = 0;
    static final int RUNNING = 1;
    static final int FIRED = 2;
    static final int CANCELLED = 3;
    /** {@link #placedGeneration} when the loop holds nothing for this timer. */
    static final int NOT_PLACED = -1;

    final TimerLoop loop;
    final TimerCallback callback;

    // guarded by this
    volatile int state = CANCELLED;
    /** Bumped by every (re)schedule; compared for equality only, so wrapping round is harmless. */
    int generation;
    volatile long deadline;
    volatile long expirations;
    /** What the strategy acquired for this timer on the caller's thread (fd-per-timer: its timerfd). */
    AutoCloseable resource;

    // loop thread only
    int placedGeneration = NOT_PLACED;

    LoopTimer(TimerLoop loop, TimerCallback callback) {
        this.loop = loop;
        this.callback = callback;
    }

    /** Makes the timer live with a new deadline; from {@code schedule} and {@code reschedule}. */
    void start(long delayNanos, long periodNanos) {
        long due;
        AutoCloseable fresh = null;
        try {
            while (true) {
                synchronized (this) {
                    loop.ensureOpen();
                    if (resource == null) {
                        resource = fresh;
                        fresh = null;
                    }
                    if (resource != null || !loop.strategy.holdsResources()) {
                        if (state != ACTIVE && state != RUNNING) {
                            loop.timerStarted();
                        }
                        state = ACTIVE;
                        generation++;
                        due = loop.now() + delayNanos;
                        deadline = due;
                        period = periodNanos;
                        expirations = 0;
                        break;
                    }
                }
                // Outside the lock: it is a syscall, and may wait for the loop to give descriptors back.
                fresh = loop.acquire();
            }
        } finally {
            TimerLoop.release(fresh); // not needed after all (the loop had not released the old one), or closed
        }
        loop.submit(this, due);
        if (loop.isClosed()) {
            // The service closed after this timer started: the close cancels it. The loop's last
            // look at the hand-off may have missed it, so once the loop has stopped, end it here.
            loop.awaitStopped();
            loop.retire(this);
        }
    }

    @Override
    public boolean cancel() {
        synchronized (this) {
            if (state != ACTIVE && state != RUNNING) {
                return false;
            }
            state = CANCELLED;
            loop.timerEnded();
        }
        loop.submit(this, loop.strategy.cancelNeedsLoop() ? Handoff.NOW : Long.MAX_VALUE);
        return true;
    }

    @Override
    public void reschedule(Duration delay, Duration period) {
        long periodNanos = Durations.period(period);
        start(Durations.delay(delay), periodNanos);
    }

    @Override
    public Duration remaining() {
        if (!isActive()) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(Math.max(0, deadline - loop.now()));
    }

    @Override
    public Duration period() {
        return Duration.ofNanos(period);
    }

    @Override
    public boolean isActive() {
        int s = state;
        return s == ACTIVE || s == RUNNING;
    }

    @Override
    public long expirations() {
        return expirations;
    }

    @Override
    public String toString() {
        return "timer@" + Integer.toHexString(System.identityHashCode(this))
                + (isActive() ? " due in " + remaining().toMillis() + " ms" : " (not live)")
                + (period == 0 ? "" : ", every " + period + " ns");
    }
}
