package io.muxlab.core.sys;

import java.util.concurrent.atomic.AtomicLong;
import jnr.ffi.Pointer;

/**
 * A block of native memory from libc's allocator with one owner. Allocated zeroed, grown with
 * {@code realloc}, freed by {@link #close()} (idempotent). Every struct array and I/O buffer of the
 * layer lives in one of these, allocated once and reused.
 *
 * <p>Not thread-safe: the owner's thread uses and closes it. {@link #liveBytes()} counts what is
 * allocated and not yet freed, process-wide, so a leak shows up as a number that does not return
 * to where it was.
 */
public final class NativeMemory implements AutoCloseable {
    private static final AtomicLong LIVE_BYTES = new AtomicLong();

    private long address;
    private long size;
    private Pointer pointer;

    private NativeMemory(long address, long size) {
        this.address = address;
        this.size = size;
        this.pointer = Pointer.wrap(Native.RUNTIME, address, size);
    }

    /** {@code size} zeroed bytes. */
    public static NativeMemory allocate(long size) {
        if (size <= 0) {
            throw new IllegalArgumentException("native allocation of " + size + " bytes");
        }
        long address = Native.LIBC.calloc(1, size);
        if (address == 0) {
            throw new OutOfMemoryError("calloc(" + size + ") returned NULL");
        }
        LIVE_BYTES.addAndGet(size);
        return new NativeMemory(address, size);
    }

    /** Grows to {@code newSize} bytes, keeping the contents and zeroing the new tail. */
    public void grow(long newSize) {
        ensureOpen();
        if (newSize <= size) {
            return;
        }
        long moved = Native.LIBC.realloc(address, newSize);
        if (moved == 0) {
            throw new OutOfMemoryError("realloc(" + newSize + ") returned NULL");
        }
        Pointer p = Pointer.wrap(Native.RUNTIME, moved, newSize);
        p.setMemory(size, newSize - size, (byte) 0);
        LIVE_BYTES.addAndGet(newSize - size);
        address = moved;
        pointer = p;
        size = newSize;
    }

    public long address() {
        ensureOpen();
        return address;
    }

    public long size() {
        return size;
    }

    /** A jnr view for struct field access; replaced by {@link #grow}, so do not keep it across one. */
    public Pointer pointer() {
        ensureOpen();
        return pointer;
    }

    public boolean isOpen() {
        return address != 0;
    }

    @Override
    public void close() {
        if (address != 0) {
            Native.LIBC.free(address);
            LIVE_BYTES.addAndGet(-size);
            address = 0;
            pointer = null;
        }
    }

    /** Bytes allocated through this class and not yet freed, in the whole process. */
    public static long liveBytes() {
        return LIVE_BYTES.get();
    }

    private void ensureOpen() {
        if (address == 0) {
            throw new IllegalStateException("native memory already freed");
        }
    }
}
