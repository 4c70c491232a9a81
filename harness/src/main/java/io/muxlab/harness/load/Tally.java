package io.muxlab.harness.load;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One worker's counts and latencies. Everything is counted; only what completes inside the
 * measured window goes into the histogram and the measured counts. Owned by one worker thread;
 * read by the client after that thread has ended.
 */
final class Tally {
    /** Latencies above a minute are recorded as a minute: the run is broken long before. */
    static final long MAX_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(60);

    final Histogram latency = new Histogram(MAX_LATENCY_NANOS, 3);
    private boolean measuring;
    long totalMessages;
    long measuredMessages;
    long measuredBytes;

    void startMeasuring() {
        latency.reset();
        measuredMessages = 0;
        measuredBytes = 0;
        measuring = true;
    }

    void stopMeasuring() {
        measuring = false;
    }

    void complete(long latencyNanos, int bytes) {
        totalMessages++;
        if (measuring) {
            measuredMessages++;
            measuredBytes += bytes;
            latency.recordValue(Math.max(0, Math.min(latencyNanos, MAX_LATENCY_NANOS)));
        }
    }
}
