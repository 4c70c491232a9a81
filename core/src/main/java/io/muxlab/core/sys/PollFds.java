package io.muxlab.core.sys;

import jnr.ffi.Pointer;

/**
 * A growable native array of {@code struct pollfd { int fd; short events; short revents; }}
 * (8 bytes each). It doubles when full and removes an entry by moving the last one into its
 * place, so the array stays dense and every operation but growth is O(1). Not thread-safe.
 */
public final class PollFds implements AutoCloseable {
    static final int SIZEOF_POLLFD = 8;
    static final int OFFSET_FD = 0;
    static final int OFFSET_EVENTS = 4;
    static final int OFFSET_REVENTS = 6;

    private final NativeMemory memory;
    private int capacity;
    private int count;

    public PollFds(int initialCapacity) {
        capacity = Math.max(1, initialCapacity);
        memory = NativeMemory.allocate((long) capacity * SIZEOF_POLLFD);
    }

    /** Appends an entry and returns its index. */
    public int add(int fd, int events) {
        if (count == capacity) {
            capacity *= 2;
            memory.grow((long) capacity * SIZEOF_POLLFD);
        }
        int index = count++;
        Pointer p = memory.pointer();
        long base = (long) index * SIZEOF_POLLFD;
        p.putInt(base + OFFSET_FD, fd);
        p.putShort(base + OFFSET_EVENTS, (short) events);
        p.putShort(base + OFFSET_REVENTS, (short) 0);
        return index;
    }

    /**
     * Removes entry {@code index} by moving the last entry into it. Returns the descriptor that now
     * sits at {@code index}, or -1 if the removed entry was the last one (nothing moved), so the
     * caller can update its fd-to-index map.
     */
    public int removeAt(int index) {
        checkIndex(index);
        int last = --count;
        if (index == last) {
            return -1;
        }
        Pointer p = memory.pointer();
        p.putLong((long) index * SIZEOF_POLLFD, p.getLong((long) last * SIZEOF_POLLFD));
        return fd(index);
    }

    public void setEvents(int index, int events) {
        checkIndex(index);
        memory.pointer().putShort((long) index * SIZEOF_POLLFD + OFFSET_EVENTS, (short) events);
    }

    public int fd(int index) {
        return memory.pointer().getInt((long) index * SIZEOF_POLLFD + OFFSET_FD);
    }

    public int events(int index) {
        return memory.pointer().getShort((long) index * SIZEOF_POLLFD + OFFSET_EVENTS) & 0xffff;
    }

    /** What the kernel reported for entry {@code index} in the last {@link Poll#poll}. */
    public int revents(int index) {
        return memory.pointer().getShort((long) index * SIZEOF_POLLFD + OFFSET_REVENTS) & 0xffff;
    }

    public int count() {
        return count;
    }

    Pointer pointer() {
        return memory.pointer();
    }

    @Override
    public void close() {
        memory.close();
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("pollfd index " + index + " of " + count);
        }
    }
}
