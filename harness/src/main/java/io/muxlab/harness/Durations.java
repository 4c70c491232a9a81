package io.muxlab.harness;

import io.muxlab.core.cli.UsageException;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;

/** Durations as people type them: {@code 2s}, {@code 500ms}, {@code 1.5s}, or a bare number of seconds. */
final class Durations {
    static final long MIN_NANOS = 50_000_000L;
    static final long MAX_NANOS = 600_000_000_000L;

    private Durations() {
    }

    static long parseNanos(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        double unit = 1e9;
        if (s.endsWith("ms")) {
            unit = 1e6;
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("s")) {
            s = s.substring(0, s.length() - 1);
        }
        try {
            double v = Double.parseDouble(s);
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("not a duration: '" + text + "'");
            }
            return (long) (v * unit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (try 2s or 500ms)");
        }
    }

    static long option(CommandLine cmd, String name, long defaultNanos) throws UsageException {
        String v = cmd.getOptionValue(name);
        if (v == null) {
            return defaultNanos;
        }
        long n;
        try {
            n = parseNanos(v);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + name + ": " + e.getMessage());
        }
        if (n < MIN_NANOS || n > MAX_NANOS) {
            throw new UsageException("--" + name + " must be between 50ms and 600s, not " + v);
        }
        return n;
    }
}
