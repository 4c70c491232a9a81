package io.muxlab.core.sys;

import java.util.ArrayList;
import java.util.List;

/**
 * A descriptor and the native memory that goes with it, owned together: {@link Epoll},
 * {@link TimerFd} and {@link EventFd} each hold one. The owner creates its descriptor first and
 * hands it over; every later {@link #allocate} that fails releases everything taken so far before
 * it throws, so a constructor that fails half-way leaks nothing and needs no cleanup of its own.
 * {@link #close()} frees the memory and closes the descriptor, once. Not thread-safe.
 */
final class Owned implements AutoCloseable {
    private final int fd;
    private final List<NativeMemory> blocks = new ArrayList<>(2);
    private boolean open = true;

    /** Takes ownership of {@code fd}, which the caller has just created. */
    Owned(int fd) {
        this.fd = fd;
    }

    /** {@code size} zeroed bytes that live as long as the descriptor. */
    NativeMemory allocate(long size) {
        try {
            NativeMemory block = NativeMemory.allocate(size);
            blocks.add(block);
            return block;
        } catch (RuntimeException | Error e) {
            release();
            Fds.closeQuietly(fd);
            throw e;
        }
    }

    boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        if (open) {
            release();
            Fds.close(fd);
        }
    }

    private void release() {
        open = false;
        for (NativeMemory block : blocks) {
            block.close();
        }
        blocks.clear();
    }
}
