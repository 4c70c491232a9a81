package io.muxlab.harness.measure;

import java.lang.management.ManagementFactory;

/** Heap in use after a full collection: how the delay-queue and timer sections measure bytes per item. */
public final class Heap {

    private Heap() {
    }

    /**
     * Heap in use after GC. One System.gc() is a full collection with the parallel collector the
     * children run; it is repeated until the figure settles, since finalizable and reference-queued
     * objects may take a second pass.
     */
    public static long usedAfterGc() throws InterruptedException {
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
