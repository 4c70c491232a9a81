package io.muxlab.core.mux;

import java.util.Arrays;

/**
 * The ready descriptors one {@link Multiplexer#wait} found: parallel arrays of descriptor and
 * {@link Ready} bits, reused from wait to wait and grown by doubling, so a steady loop allocates
 * nothing. Owned by the loop thread.
 */
public final class ReadyEvents {
    private int[] fds;
    private int[] ready;
    private int count;

    public ReadyEvents(int initialCapacity) {
        int capacity = Math.max(1, initialCapacity);
        fds = new int[capacity];
        ready = new int[capacity];
    }

    public void clear() {
        count = 0;
    }

    public void add(int fd, int readyBits) {
        if (count == fds.length) {
            fds = Arrays.copyOf(fds, count * 2);
            ready = Arrays.copyOf(ready, count * 2);
        }
        fds[count] = fd;
        ready[count] = readyBits;
        count++;
    }

    public int count() {
        return count;
    }

    public int fd(int i) {
        checkIndex(i);
        return fds[i];
    }

    /** {@link Ready} bits of entry {@code i}. */
    public int ready(int i) {
        checkIndex(i);
        return ready[i];
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("ready event " + i + " of " + count);
        }
    }
}
