package io.muxlab.delay.cli;

import io.muxlab.core.cli.UsageException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Delays as people type them: a whole number and a unit, {@code 1500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}. */
final class Delays {
    private static final Pattern DELAY = Pattern.compile("(\\d{1,18})(ms|s|m|h|d)");

    private Delays() {
    }

    static Duration parse(String text) throws UsageException {
        String s = text.trim();
        if (s.startsWith("-")) {
            throw new UsageException("a delay cannot be negative: '" + text + "'");
        }
        Matcher m = DELAY.matcher(s);
        if (!m.matches()) {
            throw new UsageException("not a delay: '" + text + "' (a whole number with ms, s, m, h or d, e.g. 1500ms, 5m)");
        }
        long n = Long.parseLong(m.group(1));
        try {
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } catch (ArithmeticException e) {
            throw new UsageException("delay too large: '" + text + "'");
        }
    }
}
