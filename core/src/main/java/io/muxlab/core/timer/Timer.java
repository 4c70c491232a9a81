package io.muxlab.core.timer;

import java.time.Duration;

/**
 * A handle on one scheduled timer. Every method is safe from any thread, a callback included.
 */
public interface Timer {

    /**
     * Stops the timer: its callback will not be called again after this returns, unless it is
     * running at this moment on the loop thread (a call from inside the callback itself stops all
     * later ones). Idempotent.
     *
     * @return true if this call stopped a live timer; false if it had already fired (one-shot),
     *     been cancelled, or its service closed
     */
    boolean cancel();

    /**
     * Moves a live or finished timer to a new deadline, {@code delay} from now, turning it into a
     * one-shot timer ({@code period} zero) or a periodic one (positive period). The expiration
     * count starts again from 0 and the timer is live afterwards.
     *
     * @throws IllegalArgumentException if {@code period} is negative
     * @throws IllegalStateException if the service is closed, or cannot take the timer back (a
     *     finished timer of a timerfd-per-timer service needs a new descriptor)
     */
    void reschedule(Duration delay, Duration period);

    /** Time to the next expiration; {@link Duration#ZERO} if due now or not live. */
    Duration remaining();

    /** The period; {@link Duration#ZERO} for a one-shot timer. */
    Duration period();

    /** True until a one-shot timer has fired, the timer is cancelled, or its service closed. */
    boolean isActive();

    /** Expirations counted so far since the last (re)schedule: missed ones included. */
    long expirations();
}
