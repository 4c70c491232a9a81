package io.muxlab.core.sys;

import static io.muxlab.core.sys.Structs.PFD_EVENTS;
import static io.muxlab.core.sys.Structs.PFD_FD;
import static io.muxlab.core.sys.Structs.PFD_REVENTS;
import static io.muxlab.core.sys.Structs.SIZEOF_POLLFD;

import jnr.ffi.Pointer;

/**
 * A growable native array of {@code struct pollfd} (laid out in {@link Structs}). It doubles when full and removes an entry by moving the last one into its
 * place, so the array stays dense and every operation but growth is O(1). Not thread-safe.
 */
public final class PollFds implements AutoCloseable {
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
        p.putInt(base + PFD_FD, fd);
        p.putShort(base + PFD_EVENTS, (short) events);
        p.putShort(base + PFD_REVENTS, (short) 0);
        if (SyscallTrace.sink != null) {
            SyscallTrace.line("· pollfd[" + index + "] = {fd " + SyscallTrace.fd(fd) + ", " + SyscallTrace.pollEvents(events) + "}");
        }
        return index;
    }

    /**
     * Removes entry {@code index} by moving the last entry into it. Returns the descriptor that now
     * sits at {@code index}, or -1 if the removed entry was the last one (nothing moved), so the
     * caller can update its fd-to-index map.
     */
    public int removeAt(int index) {
        checkIndex(index);
        if (SyscallTrace.sink != null) {
            SyscallTrace.line("· pollfd[" + index + "] (fd " + SyscallTrace.fd(fd(index)) + ") removed; the last entry moves into it");
        }
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
        memory.pointer().putShort((long) index * SIZEOF_POLLFD + PFD_EVENTS, (short) events);
        if (SyscallTrace.sink != null) {
            SyscallTrace.line("· pollfd[" + index + "].events = " + SyscallTrace.pollEvents(events) + " (fd " + SyscallTrace.fd(fd(index)) + ")");
        }
    }

    public int fd(int index) {
        return memory.pointer().getInt((long) index * SIZEOF_POLLFD + PFD_FD);
    }

    public int events(int index) {
        return memory.pointer().getShort((long) index * SIZEOF_POLLFD + PFD_EVENTS) & 0xffff;
    }

    /** What the kernel reported for entry {@code index} in the last {@link Poll#poll}. */
    public int revents(int index) {
        return memory.pointer().getShort((long) index * SIZEOF_POLLFD + PFD_REVENTS) & 0xffff;
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
