package io.muxlab.harness.timers;

import io.muxlab.core.timer.Timer;
import io.muxlab.core.timer.TimerCallback;
import io.muxlab.core.timer.TimerService;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Core's {@link TimerService} over a facility that can only run a task once after a delay and
 * call it off — the JDK's {@code ScheduledThreadPoolExecutor}, Netty's {@code HashedWheelTimer} —
 * so that the peers keep the same contract as our strategies and pass the same tests
 * ({@code TimerServiceContract}), as the echo peers pass the echo conformance suite. The timers
 * themselves are {@link ChainedTimer}s.
 *
 * <p>Threading: the facility runs every task on its one thread of its own, which is then where
 * callbacks run, one at a time. Closing marks the service closed at once (every timer reads as
 * cancelled) and then stops the facility.
 */
abstract class OneShotTimerService implements TimerService {
    /** Delays are capped at 100 years, as ours are, so that "now + delay" cannot overflow. */
    private static final long MAX_NANOS = Duration.ofDays(36_525).toNanos();

    /** A task handed to the facility that can still be called off. */
    @FunctionalInterface
    interface Pending {
        void cancel();
    }

    private final String name;
    final AtomicInteger active = new AtomicInteger();
    private volatile boolean closed;

    OneShotTimerService(String name) {
        this.name = name;
    }

    /** Runs {@code task} once, {@code delayNanos} from now, on the facility's thread. */
    abstract Pending runOnce(long delayNanos, Runnable task);

    /**
     * Stops the facility and waits for its thread, unless called on it (from a callback: it stops
     * once the callback returns).
     */
    abstract void shutDown();

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Timer schedule(Duration delay, TimerCallback callback) {
        return newTimer(delay, Duration.ZERO, callback);
    }

    @Override
    public final Timer scheduleAtFixedRate(Duration initialDelay, Duration period, TimerCallback callback) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        return newTimer(initialDelay, period, callback);
    }

    @Override
    public final int activeTimers() {
        return closed ? 0 : active.get();
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            shutDown();
        }
    }

    boolean isClosed() {
        return closed;
    }

    void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("timer service " + name + " is closed");
        }
    }

    /** Negative delays: as soon as possible. */
    static long delayNanos(Duration delay) {
        return delay.isNegative() ? 0 : delay.compareTo(Duration.ofNanos(MAX_NANOS)) > 0 ? MAX_NANOS : delay.toNanos();
    }

    private Timer newTimer(Duration delay, Duration period, TimerCallback callback) {
        if (callback == null) {
            throw new NullPointerException("callback");
        }
        ChainedTimer timer = new ChainedTimer(this, callback);
        timer.start(delayNanos(delay), delayNanos(period));
        return timer;
    }
}
