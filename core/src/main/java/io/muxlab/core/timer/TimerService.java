package io.muxlab.core.timer;

import java.time.Duration;

/**
 * Timers on one event loop: one-shot and fixed-rate periodic, cancel, reschedule, and the number
 * of expirations a callback stands for. {@code timerfd-timer} implements it three ways (a timerfd
 * per timer, one timerfd over a min-heap, one timerfd armed for the next non-empty tick of the
 * {@link TimingWheel}); the harness adapts {@code ScheduledThreadPoolExecutor} and Netty's
 * {@code HashedWheelTimer} to it, and every one of them passes the same contract tests.
 *
 * <p>Threading: every method may be called from any thread. Callbacks run on the service's own
 * loop thread, one at a time; a call from another thread wakes the loop (through an eventfd) when
 * it changes what is due next. A callback that throws is reported and the loop goes on.
 *
 * <p>Time: delays follow CLOCK_MONOTONIC unless an implementation says otherwise; a deadline is
 * "now + delay" at the time of the call.
 */
public interface TimerService extends AutoCloseable {

    /** Short name for reports, e.g. {@code heap}. */
    String name();

    /**
     * Fires {@code callback} once, {@code delay} from now (zero or negative: as soon as possible).
     *
     * @throws IllegalStateException if the service is closed, or cannot take one more timer (a
     *     timerfd per timer runs out of descriptors); the message says which and what to do
     */
    Timer schedule(Duration delay, TimerCallback callback);

    /**
     * Fires {@code callback} at {@code initialDelay} from now and then every {@code period}, at a
     * fixed rate: deadlines are {@code start + k * period}, not "period after the last callback".
     * When the loop falls behind, one callback reports every expiration it missed.
     *
     * @throws IllegalArgumentException if {@code period} is not positive
     * @throws IllegalStateException as for {@link #schedule}
     */
    Timer scheduleAtFixedRate(Duration initialDelay, Duration period, TimerCallback callback);

    /** Timers scheduled and neither fired (one-shot), cancelled, nor closed. */
    int activeTimers();

    /**
     * Cancels every timer, stops the loop thread (waiting for a running callback to return, unless
     * called from that callback) and releases every descriptor and native resource. Idempotent.
     */
    @Override
    void close();
}
