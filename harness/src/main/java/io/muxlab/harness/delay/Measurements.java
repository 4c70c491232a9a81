package io.muxlab.harness.delay;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/** What the workloads share: lateness percentiles, and the heap in use after a full GC. */
final class Measurements {
    /** Every payload is this many bytes; heap per task is reported beyond it. */
    static final int PAYLOAD_BYTES = 16;

    private Measurements() {
    }

    /** p50, p99 and max of {@code lateMicros} (nearest rank), as a lateness result. */
    static WorkloadResult lateness(DelayServer server, long[] lateMicros) {
        long[] sorted = lateMicros.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return WorkloadResult.lateness(server, n, sorted[rank(n, 0.50)], sorted[rank(n, 0.99)], sorted[n - 1]);
    }

    /** The nearest-rank index of quantile {@code q} in {@code n} sorted values. */
    static int rank(int n, double q) {
        return (int) Math.max(0, Math.min(n - 1, Math.ceil(n * q) - 1));
    }

    /**
     * Heap in use after GC. One System.gc() is a full collection with the parallel collector the
     * children run; it is repeated until the figure settles, since finalizable and reference-queued
     * objects may take a second pass.
     */
    static long usedHeapAfterGc() throws InterruptedException {
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(10);
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (Math.abs(last - used) < 64 * 1024) {
                return used;
            }
            last = used;
        }
        return last;
    }
}
