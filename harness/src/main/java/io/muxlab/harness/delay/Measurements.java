package io.muxlab.harness.delay;

import io.muxlab.harness.measure.Heap;
import io.muxlab.harness.measure.Lateness;

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

    /** Heap in use after GC ({@link Heap#usedAfterGc}, which the timer section measures with too). */
    static long usedHeapAfterGc() throws InterruptedException {
        return Heap.usedAfterGc();
    }
}
