package io.muxlab.timer;

import java.util.Arrays;

/**
 * The timers that expired in one loop turn, each with its expiration count, collected before any
 * callback runs (libuv's rule: a callback that cancels or schedules timers must not meet a heap or
 * wheel in the middle of being walked). Reused from turn to turn; grows by doubling. Loop thread only.
 */
final class Expired {
    private Placement[] timers = new Placement[64];
    private long[] counts = new long[64];
    private int size;

    void add(Placement timer, long count) {
        if (size == timers.length) {
            timers = Arrays.copyOf(timers, size * 2);
            counts = Arrays.copyOf(counts, size * 2);
        }
        timers[size] = timer;
        counts[size] = count;
        size++;
    }

    int size() {
        return size;
    }

    Placement timer(int i) {
        return timers[i];
    }

    long count(int i) {
        return counts[i];
    }

    void clear() {
        Arrays.fill(timers, 0, size, null);
        size = 0;
    }
}
