package io.muxlab.harness.format;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Numbers as every section's progress lines and tables show them; NaN is a dash. */
public final class Fmt {
    private Fmt() {
    }

    /** 142345 as {@code 142k}, 1234567 as {@code 1.23M}. */
    public static String count(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        }
        if (v >= 1e4) {
            return String.format(Locale.ROOT, "%.0fk", v / 1e3);
        }
        if (v >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", v);
    }

    public static String micros(double us) {
        if (Double.isNaN(us)) {
            return "–";
        }
        if (us >= 10_000) {
            return String.format(Locale.ROOT, "%.1f ms", us / 1000);
        }
        return String.format(Locale.ROOT, "%.0f µs", us);
    }

    /** Nanoseconds as {@code 35 ns}, {@code 0.27 µs}, {@code 630 µs} or {@code 12.4 ms}: three digits at most. */
    public static String nanos(double ns) {
        if (Double.isNaN(ns)) {
            return "–";
        }
        if (ns < 100) {
            return String.format(Locale.ROOT, "%.0f ns", ns);
        }
        if (ns < 10_000) {
            return String.format(Locale.ROOT, "%.2f µs", ns / 1e3);
        }
        if (ns < 1_000_000) {
            return String.format(Locale.ROOT, "%.0f µs", ns / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f ms", ns / 1e6);
    }

    /**
     * Three significant digits with an SI prefix, as chart axes and bar labels read: {@code 0},
     * {@code 2.89}, {@code 89.6}, {@code 140k}, {@code 3.54M}, {@code 10M}; never {@code 1.4E5}.
     */
    public static String si(double v) {
        return scaled(v, new String[] {"", "k", "M", "G", "T"});
    }

    /** A duration in nanoseconds, three significant digits in its unit: {@code 850 ns}, {@code 12.3 µs}, {@code 1.2 ms}, {@code 2 s}. */
    public static String duration(double nanos) {
        return scaled(nanos, new String[] {" ns", " µs", " ms", " s"});
    }

    /**
     * {@code v} rounded to three significant digits first (so 999 999 is {@code 1M}, not
     * {@code 1000k}), then divided by 1000 while there is a larger unit, trailing zeros dropped;
     * zero is {@code 0} whatever the unit.
     */
    private static String scaled(double v, String[] units) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "–" : v > 0 ? "∞" : "-∞";
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(3));
        int unit = 0;
        while (unit < units.length - 1 && rounded.abs().compareTo(BigDecimal.valueOf(1000)) >= 0) {
            rounded = rounded.movePointLeft(3);
            unit++;
        }
        return rounded.stripTrailingZeros().toPlainString() + units[unit];
    }

    public static String decimal(double v, int places) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%." + places + "f", v);
    }

    /** Microseconds as milliseconds, e.g. {@code 12.4 ms}, or {@code 850 µs} below one. */
    public static String millis(double micros) {
        if (Double.isNaN(micros)) {
            return "–";
        }
        if (micros < 1000) {
            return String.format(Locale.ROOT, "%.0f µs", micros);
        }
        return String.format(Locale.ROOT, micros < 100_000 ? "%.1f ms" : "%.0f ms", micros / 1000);
    }

    /** Bytes in binary units: {@code 310 B}, {@code 41.2 KiB}, {@code 1.5 MiB}; a negative size keeps its sign. */
    public static String bytes(double b) {
        if (Double.isNaN(b)) {
            return "–";
        }
        double a = Math.abs(b);
        if (a >= 1 << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", b / (1 << 20));
        }
        if (a >= 1 << 10) {
            return String.format(Locale.ROOT, "%.1f KiB", b / (1 << 10));
        }
        return String.format(Locale.ROOT, "%.0f B", b);
    }

    /** 1000000 as {@code 1 000 000}, as the report writes task counts. */
    public static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n).replace(',', ' ');
    }
}
