package io.muxlab.timer;

import java.time.Duration;

/**
 * Turns the contract's {@link Duration}s into the nanoseconds the loop adds to CLOCK_MONOTONIC.
 * Delays are capped at 100 years so that "now + delay" cannot overflow a long (which holds 292
 * years of nanoseconds); a negative delay means "as soon as possible".
 */
final class Durations {
    static final long MAX_NANOS = Duration.ofDays(36_525).toNanos();

    private Durations() {
    }

    static long delay(Duration delay) {
        if (delay.isNegative()) {
            return 0;
        }
        return delay.compareTo(Duration.ofNanos(MAX_NANOS)) > 0 ? MAX_NANOS : delay.toNanos();
    }

    /** A period of 0 means one-shot. */
    static long period(Duration period) {
        if (period.isNegative()) {
            throw new IllegalArgumentException("period must not be negative: " + period);
        }
        return period.compareTo(Duration.ofNanos(MAX_NANOS)) > 0 ? MAX_NANOS : period.toNanos();
    }

    static long positivePeriod(Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        return period(period);
    }
}
