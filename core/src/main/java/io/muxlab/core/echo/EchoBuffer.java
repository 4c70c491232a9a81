package io.muxlab.core.echo;

import io.muxlab.core.sys.NativeMemory;

/**
 * One connection's bytes read and not yet written back: a ring buffer in native memory that the
 * kernel reads into and writes from directly ({@code read(fd, spaceAddress(), spaceLength())},
 * {@code write(fd, dataAddress(), dataLength())}), so echoed bytes never touch the Java heap.
 *
 * <p>It holds memory only while it holds bytes: the first read takes a block of
 * {@link #INITIAL_CAPACITY} (or the limit if smaller) from the loop's {@link BlockPool}, and the
 * write that empties it gives the block back, so an idle connection holds none. While bytes wait it
 * doubles, up to the limit, only when it is full: a connection whose peer reads promptly never grows
 * it, and one that stops reading makes it grow to {@code limit} and no further. A ring needs no
 * compaction: a read or write that meets the end of the memory simply stops there and the next
 * call continues at the start.
 *
 * <p>Owned by the loop thread.
 */
final class EchoBuffer implements AutoCloseable {
    static final int INITIAL_CAPACITY = EchoConfig.READ_BLOCK_BYTES;

    private final int limit;
    private final int initialCapacity;
    private final BlockPool pool;
    /** The ring, or null while empty (the block is back in the pool). */
    private NativeMemory memory;
    private int capacity;
    /** Offset of the oldest unwritten byte. */
    private int head;
    /** Unwritten bytes, starting at head and possibly wrapping around the end. */
    private int pending;

    EchoBuffer(int limit, BlockPool pool) {
        if (limit < 1) {
            throw new IllegalArgumentException("buffer limit must be at least 1 byte, not " + limit);
        }
        this.limit = limit;
        this.pool = pool;
        this.initialCapacity = Math.min(limit, INITIAL_CAPACITY);
        this.capacity = initialCapacity;
    }

    /** A buffer with no pool to share: its block is allocated on the first read and freed when it empties. */
    EchoBuffer(int limit) {
        this(limit, BlockPool.unpooled());
    }

    /** Bytes waiting to be written back. */
    int pending() {
        return pending;
    }

    /** True once the connection holds {@code limit} bytes: the loop must stop reading from its peer. */
    boolean full() {
        return pending >= limit;
    }

    /**
     * Where the next read may put bytes; grows the ring first if it is full and below the limit.
     * Call only when {@link #full()} is false.
     */
    long spaceAddress() {
        holdMemory();
        growIfFull();
        return memory.address() + tail();
    }

    /** How many bytes may be read to {@link #spaceAddress()} in one call (contiguous, within the limit). */
    int spaceLength() {
        holdMemory();
        growIfFull();
        int tail = tail();
        int contiguous = tail >= head && pending < capacity ? capacity - tail : head - tail;
        return Math.min(contiguous, limit - pending);
    }

    /** Records that a read put {@code n} bytes at {@link #spaceAddress()} (0: it found none, or the end of stream). */
    void filled(long n) {
        pending += (int) n;
        if (pending == 0) {
            release(); // nothing came: an idle connection keeps no block
        }
    }

    /** Whether it holds a block now (it does exactly while bytes wait, between a read and the write that empties it). */
    boolean holdsMemory() {
        return memory != null;
    }

    /** Address of the oldest unwritten byte. */
    long dataAddress() {
        return memory.address() + head;
    }

    /** How many unwritten bytes lie contiguously at {@link #dataAddress()}. */
    int dataLength() {
        return Math.min(pending, capacity - head);
    }

    /** Records that a write sent {@code n} bytes from {@link #dataAddress()}. */
    void drained(long n) {
        pending -= (int) n;
        if (pending == 0) {
            release();
        } else {
            head = (int) ((head + n) % capacity);
        }
    }

    int capacity() {
        return capacity;
    }

    @Override
    public void close() {
        if (memory != null) {
            pool.give(memory);
            memory = null;
        }
    }

    private void holdMemory() {
        if (memory == null) {
            memory = pool.take(capacity);
        }
    }

    /** Empty: the block goes back to the pool (a grown one to the C allocator) and the next read starts a fresh ring at 0. */
    private void release() {
        head = 0;
        capacity = initialCapacity;
        if (memory != null) {
            pool.give(memory);
            memory = null;
        }
    }

    private int tail() {
        long t = (long) head + pending;
        return (int) (t >= capacity ? t - capacity : t);
    }

    private void growIfFull() {
        if (pending == capacity && capacity < limit) {
            grow();
        }
    }

    /**
     * Doubles the ring (up to the limit). The bytes are copied, in order, to the start of a new
     * block by native memcpy (jnr's transferTo between two native blocks), then the old block is
     * freed; realloc in place could not unwrap a ring whose data wraps around the end.
     */
    private void grow() {
        int newCapacity = (int) Math.min((long) capacity * 2, limit);
        NativeMemory bigger = NativeMemory.allocate(newCapacity);
        int first = dataLength();
        memory.pointer().transferTo(head, bigger.pointer(), 0, first);
        if (first < pending) {
            memory.pointer().transferTo(0, bigger.pointer(), first, pending - first);
        }
        memory.close();
        memory = bigger;
        capacity = newCapacity;
        head = 0;
    }
}
