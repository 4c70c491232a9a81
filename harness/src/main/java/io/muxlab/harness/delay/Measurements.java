package io.muxlab.harness.delay;

import io.muxlab.harness.measure.Lateness;
import java.lang.management.ManagementFactory;

/** What the workloads share: lateness percentiles, and the heap in use after a full GC. */
final class Measurements {
    /** Every payload is this many bytes; heap per task is reported beyond it. */
    static final int PAYLOAD_BYTES = 16;

    private Measurements() {
    }

    /** p50, p99 and max of {@code lateMicros} ({@link Lateness}), as a lateness result. */
    static WorkloadResult lateness(DelayServer server, long[] lateMicros) {
        Lateness l = Lateness.ofMicros(lateMicros);
        return WorkloadResult.lateness(server, l.count(), l.p50Micros(), l.p99Micros(), l.maxMicros());
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
