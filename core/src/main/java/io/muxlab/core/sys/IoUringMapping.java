package io.muxlab.core.sys;

import static io.muxlab.core.sys.Native.LIBC;
import static io.muxlab.core.sys.Syscall.MMAP;
import static io.muxlab.core.sys.Syscall.MUNMAP;

import com.kenai.jffi.MemoryIO;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One region of an io_uring instance mapped into our address space with {@code mmap(MAP_SHARED)}:
 * the SQ ring, the CQ ring or the SQE array. The kernel and we read and write the same bytes, so
 * this is where the two sides meet.
 *
 * <p>The region is seen through a direct {@link ByteBuffer} in native byte order (jffi builds it
 * over the mapped address, no copy), because a {@code VarHandle} over a ByteBuffer view is how
 * Java 17 gets acquire loads and release stores on memory it did not allocate, without
 * {@code sun.misc.Unsafe}. {@link #munmap} is done by {@link #close()} (idempotent);
 * {@link #liveBytes()} counts what is mapped and not yet unmapped, process-wide, so tests see a
 * leaked mapping as a number that does not return to where it was. One owner, one thread.
 */
final class IoUringMapping implements AutoCloseable {
    static final int PROT_READ = 0x1;
    static final int PROT_WRITE = 0x2;
    static final int MAP_SHARED = 0x01;
    static final int MAP_POPULATE = 0x8000;

    /** Ordered 4-byte access to a ring's indices: getAcquire/setRelease at a byte offset of {@link #bytes()}. */
    static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private static final AtomicLong LIVE_BYTES = new AtomicLong();

    private final long size;
    private long address;
    private final ByteBuffer bytes;

    private IoUringMapping(long address, long size) {
        this.address = address;
        this.size = size;
        this.bytes = MemoryIO.getInstance().newDirectByteBuffer(address, (int) size).order(ByteOrder.nativeOrder());
    }

    /** Maps {@code size} bytes of the io_uring {@code ringFd} at {@code offset} (an {@code IORING_OFF_*}). */
    static IoUringMapping map(int ringFd, long offset, long size, String what) {
        if (size <= 0 || size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + ": cannot map " + size + " bytes");
        }
        // MAP_FAILED is -1, and a user-space address is never negative (47 or 48 bits), so the
        // chokepoint's "negative is -errno" holds. Check before wrapping: a ByteBuffer over
        // MAP_FAILED fails later as a baffling "misaligned access".
        long address = MMAP.call(LIBC.mmap(null, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, ringFd, offset));
        if (address < 0) {
            throw MMAP.failed((int) -address, what + ", " + size + " bytes");
        }
        LIVE_BYTES.addAndGet(size);
        return new IoUringMapping(address, size);
    }

    /** The mapped bytes, in native order; absolute get/put only (its position is never moved). */
    ByteBuffer bytes() {
        return bytes;
    }

    long address() {
        return address;
    }

    long size() {
        return size;
    }

    @Override
    public void close() {
        if (address != 0) {
            long a = address;
            address = 0;
            LIVE_BYTES.addAndGet(-size);
            MUNMAP.check(LIBC.munmap(a, size), "", size, " bytes");
        }
    }

    /** Bytes mapped through this class and not yet unmapped, in the whole process. */
    static long liveBytes() {
        return LIVE_BYTES.get();
    }
}
