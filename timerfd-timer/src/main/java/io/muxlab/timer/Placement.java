package io.muxlab.timer;

/**
 * All a strategy sees of a timer: its deadline and period, and the slot the strategy holds it
 * under. Each field means one thing in every strategy; the handle's own state (live or not,
 * generation, callback) stays in {@link LoopTimer}, out of the strategies' reach. {@link #due} and
 * {@link #slot} are the loop thread's; {@link #period} is the timer's own.
 */
abstract class Placement {
    /** {@link #slot} of a timer no strategy holds. */
    static final int NOT_HELD = -1;

    /**
     * The deadline the loop placed the timer at, on the loop's clock (CLOCK_MONOTONIC nanoseconds):
     * the loop's copy, so that a reschedule on another thread cannot move a timer inside a heap.
     */
    long due;
    /**
     * The period in nanoseconds; 0 for a one-shot timer. Written under the timer's lock by a
     * (re)schedule, which also makes a new generation: whatever the loop holds for an older one is
     * stale and never fires, so the loop may read the period as it is, without a copy.
     */
    volatile long period;
    /**
     * The index under which the strategy holds the timer in its own table — the heap's array,
     * the wheel's slot table, fd-per-timer's table by descriptor number — or {@link #NOT_HELD}.
     */
    int slot = NOT_HELD;

    /** Expirations a firing at {@code now} stands for: 1, or more when a periodic timer is late. */
    final long expirationsAt(long now) {
        if (period == 0 || now < due) {
            return 1;
        }
        return 1 + (now - due) / period;
    }
}
