package io.muxlab.timer;

import java.time.Duration;

/**
 * Turns the contract's {@link Duration}s into the nanoseconds the loop adds to CLOCK_MONOTONIC.
 * Delays are capped at 100 years so that "now + delay" cannot overflow a long (which holds 292
 * years of nanoseconds); a negative delay means "as soon as possible". Also reads durations from
 * the command line: {@code 250ns}, {@code 500us}, {@code 1ms}, {@code 2s}.
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

    /** A whole number with a unit: ns, us, ms or s. */
    static Duration parse(String text) {
        String t = text.trim();
        int unitAt = 0;
        while (unitAt < t.length() && Character.isDigit(t.charAt(unitAt))) {
            unitAt++;
        }
        if (unitAt == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a duration like 1ms, 500us, 2s or 250ns");
        }
        long n;
        try {
            n = Long.parseLong(t.substring(0, unitAt));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        switch (t.substring(unitAt)) {
            case "ns":
                return Duration.ofNanos(n);
            case "us":
                if (n > Long.MAX_VALUE / 1_000) {
                    throw new IllegalArgumentException("'" + text + "' is too large");
                }
                return Duration.ofNanos(n * 1_000);
            case "ms":
                return Duration.ofMillis(n);
            case "s":
                return Duration.ofSeconds(n);
            default:
                throw new IllegalArgumentException("'" + text + "' needs a unit: ns, us, ms or s");
        }
    }
}
