package io.muxlab.harness.measure;

import org.HdrHistogram.Histogram;

/**
 * How late a set of timers or tasks ran, in microseconds: p50, p99 and max from an HdrHistogram
 * at three significant digits, the same definition the echo load client's latencies use. Every
 * lateness chart of the report is made from these, so two charts never mean two different
 * percentiles. An early run (a negative lateness, which the clocks' granularity can produce)
 * counts as on time: a histogram holds no negative values.
 *
 * @param count how many were timed
 */
public record Lateness(int count, double p50Micros, double p99Micros, double maxMicros) {

    /** From latenesses in nanoseconds. */
    public static Lateness ofNanos(long[] nanos) {
        return of(nanos, 1e3);
    }

    /** From latenesses in microseconds. */
    public static Lateness ofMicros(long[] micros) {
        return of(micros, 1);
    }

    private static Lateness of(long[] values, double perMicro) {
        Histogram h = new Histogram(3);
        for (long v : values) {
            h.recordValue(Math.max(0, v));
        }
        return new Lateness(values.length, h.getValueAtPercentile(50) / perMicro, h.getValueAtPercentile(99) / perMicro,
                h.getMaxValue() / perMicro);
    }
}
