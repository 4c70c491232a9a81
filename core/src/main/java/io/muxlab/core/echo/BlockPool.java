package io.muxlab.core.echo;

import io.muxlab.core.sys.NativeMemory;

/**
 * One loop's spare ring blocks. A connection holds a block only while it has bytes to echo back
 * ({@link EchoBuffer} takes one on its first read and gives it back when a write empties it), so an
 * idle connection costs no buffer at all, and a loop with 10 busy peers among 15 000 idle ones
 * keeps about 10 blocks, not 15 000. Giving back is a push onto an array and taking a pop: a message
 * that is echoed at once costs no malloc. Redis and Netty do the same with their shared read buffer
 * and pooled allocator.
 *
 * <p>Only blocks of {@link #blockSize} are kept, and at most {@code maxIdle} of them; a grown ring
 * (a peer that stopped reading) and any block beyond that go back to the C allocator. The pool owns
 * the blocks it holds and frees them in {@link #close}; a block that is out belongs to its buffer.
 * Loop thread only.
 */
final class BlockPool implements AutoCloseable {
    /** Spare blocks kept at most: 256 × 16 KiB = 4 MiB per loop once a burst of busy peers has gone. */
    static final int MAX_IDLE = 256;

    private final int blockSize;
    private final NativeMemory[] idle;
    private int count;

    BlockPool(int blockSize, int maxIdle) {
        this.blockSize = blockSize;
        this.idle = new NativeMemory[maxIdle];
    }

    /** A pool that keeps nothing: every block is allocated and freed (for a buffer on its own, as in tests). */
    static BlockPool unpooled() {
        return new BlockPool(0, 0);
    }

    /** A block of {@code size} bytes: a spare one if the pool keeps that size and has one. */
    NativeMemory take(int size) {
        if (size == blockSize && count > 0) {
            NativeMemory block = idle[--count];
            idle[count] = null;
            return block;
        }
        return NativeMemory.allocate(size);
    }

    /** Takes {@code block} back, or frees it if the pool does not keep its size or is full. */
    void give(NativeMemory block) {
        if (block.size() == blockSize && count < idle.length) {
            idle[count++] = block;
        } else {
            block.close();
        }
    }

    /** Spare blocks held now. */
    int idle() {
        return count;
    }

    @Override
    public void close() {
        while (count > 0) {
            NativeMemory block = idle[--count];
            idle[count] = null;
            block.close();
        }
    }
}
