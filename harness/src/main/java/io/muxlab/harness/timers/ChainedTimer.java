package io.muxlab.harness.timers;

import io.muxlab.core.timer.Timer;
import io.muxlab.core.timer.TimerCallback;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * A timer of a {@link OneShotTimerService}: one one-shot task on the facility at a time. A
 * periodic timer is a chain of them at {@code start + k * period} (fixed rate); a firing that comes
 * late reports every expiration it missed, as ours do. A generation number tells a stale task
 * (its timer cancelled or rescheduled since) from the current one, which is all a cancel needs
 * to be certain; the facility's own cancel only frees the task early.
 *
 * <p>Threading: state changes under the timer's lock, from any thread; the callback never runs
 * under it. A one-shot timer goes ACTIVE → FIRED just before its callback; a periodic one ACTIVE →
 * RUNNING for the length of its callback and back (a cancel meanwhile stops every later call).
 */
final class ChainedTimer implements Timer {
    private static final System.Logger LOG = System.getLogger(ChainedTimer.class.getName());
    private static final int ACTIVE = 0;
    private static final int RUNNING = 1;
    private static final int FIRED = 2;
    private static final int CANCELLED = 3;

    private final OneShotTimerService service;
    private final TimerCallback callback;
    // guarded by this
    private int state = CANCELLED;
    private int generation;
    private long deadline;
    private long period;
    private long expirations;
    private OneShotTimerService.Pending pending;

    ChainedTimer(OneShotTimerService service, TimerCallback callback) {
        this.service = service;
        this.callback = callback;
    }

    synchronized void start(long delayNanos, long periodNanos) {
        service.ensureOpen();
        if (state != ACTIVE && state != RUNNING) {
            service.active.incrementAndGet();
        }
        state = ACTIVE;
        generation++;
        deadline = System.nanoTime() + delayNanos;
        period = periodNanos;
        expirations = 0;
        if (pending != null) {
            pending.cancel();
        }
        pending = arm(generation, delayNanos);
    }

    @Override
    public synchronized boolean cancel() {
        if (!isActive()) {
            return false;
        }
        state = CANCELLED;
        service.active.decrementAndGet();
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
        return true;
    }

    @Override
    public void reschedule(Duration delay, Duration period) {
        if (period.isNegative()) {
            throw new IllegalArgumentException("period must not be negative: " + period);
        }
        start(OneShotTimerService.delayNanos(delay), OneShotTimerService.delayNanos(period));
    }

    @Override
    public synchronized Duration remaining() {
        return isActive() ? Duration.ofNanos(Math.max(0, deadline - System.nanoTime())) : Duration.ZERO;
    }

    @Override
    public synchronized Duration period() {
        return Duration.ofNanos(period);
    }

    @Override
    public synchronized boolean isActive() {
        return (state == ACTIVE || state == RUNNING) && !service.isClosed();
    }

    @Override
    public synchronized long expirations() {
        return expirations;
    }

    private OneShotTimerService.Pending arm(int forGeneration, long delayNanos) {
        try {
            return service.runOnce(delayNanos, () -> fire(forGeneration));
        } catch (RuntimeException refused) {
            // The facility stopped between the check and the call: the close cancels this timer.
            service.ensureOpen();
            throw refused;
        }
    }

    /** On the facility's thread. */
    private void fire(int forGeneration) {
        long count;
        boolean periodic;
        synchronized (this) {
            if (forGeneration != generation || state != ACTIVE || service.isClosed()) {
                return;
            }
            long now = System.nanoTime();
            periodic = period != 0;
            count = periodic && now >= deadline ? 1 + (now - deadline) / period : 1;
            if (periodic) {
                state = RUNNING;
                deadline += count * period;
            } else {
                state = FIRED;
                pending = null;
                service.active.decrementAndGet();
            }
            expirations += count;
        }
        try {
            callback.expired(this, count);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, "callback of a " + service.name() + " timer threw; the service goes on", e);
        }
        if (periodic) {
            synchronized (this) {
                if (state == RUNNING && generation == forGeneration && !service.isClosed()) {
                    state = ACTIVE;
                    pending = arm(forGeneration, Math.max(0, deadline - System.nanoTime()));
                }
            }
        }
    }
}
