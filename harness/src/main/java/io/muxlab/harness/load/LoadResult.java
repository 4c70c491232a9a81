package io.muxlab.harness.load;

import org.HdrHistogram.Histogram;

/**
 * What a load run measured.
 *
 * @param messages echoes completed inside the measured window
 * @param bytes bytes echoed inside the window (message bytes, both ways counted once)
 * @param windowNanos length of the measured window
 * @param latency round-trip latencies in the window, nanoseconds (from the intended send time in open loop)
 * @param clientCpuNanos CPU time the load threads spent in the window
 * @param threads load threads
 * @param totalMessages echoes completed over the whole run, warm-up and pings included
 * @param error why the run failed, or null
 */
public record LoadResult(long messages, long bytes, long windowNanos, Histogram latency, long clientCpuNanos,
        int threads, long totalMessages, String error) {

    public double messagesPerSecond() {
        return messages * 1e9 / windowNanos;
    }

    public double megabytesPerSecond() {
        return bytes * 1e9 / windowNanos / (1024.0 * 1024.0);
    }

    /** Latency percentile in microseconds; 0 when nothing was measured. */
    public double percentileMicros(double percentile) {
        return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile) / 1000.0;
    }

    public double maxMicros() {
        return latency.getTotalCount() == 0 ? 0 : latency.getMaxValue() / 1000.0;
    }

    /** Cores the load threads kept busy on average: near {@code threads} means the client was the limit. */
    public double clientCores() {
        return (double) clientCpuNanos / windowNanos;
    }

    public boolean failed() {
        return error != null;
    }
}
