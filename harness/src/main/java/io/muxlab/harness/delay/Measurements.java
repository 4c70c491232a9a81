package io.muxlab.harness.delay;

import io.muxlab.harness.measure.Heap;

/** What the workloads share: the payload, and the heap in use after a full GC. */
final class Measurements {
    /** Every payload is this many bytes; heap per task is reported beyond it. */
    static final int PAYLOAD_BYTES = 16;

    private Measurements() {
    }

    /** Heap in use after GC ({@link Heap#usedAfterGc}, which the timer section measures with too). */
    static long usedHeapAfterGc() throws InterruptedException {
        return Heap.usedAfterGc();
    }
}
