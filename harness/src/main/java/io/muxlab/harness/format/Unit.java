package io.muxlab.harness.format;

/**
 * What a chart's values are, so that its tick and bar labels read {@code 140k} or {@code 12.3 µs}
 * and its axis title need not name the unit of a duration.
 */
public enum Unit {
    /** A plain number: messages, bytes, calls; labelled with SI prefixes ({@link Fmt#si}). */
    COUNT(0),
    NANOS(1),
    MICROS(1e3),
    MILLIS(1e6);

    /** Nanoseconds per unit; 0 for a count. */
    private final double nanos;

    Unit(double nanos) {
        this.nanos = nanos;
    }

    public String label(double v) {
        return nanos == 0 ? Fmt.si(v) : Fmt.duration(v * nanos);
    }
}
