package io.muxlab.uring;

import io.muxlab.core.sys.NativeMemory;

/**
 * One connection of the completion loop: its descriptor and the one buffer the kernel receives
 * into and sends from. The connection alternates: a recv is in flight, or a send of what that
 * recv brought is, never both, so the buffer is never reused before its completion and the bytes
 * held for a peer never exceed one buffer (at most {@code --buffer-limit}). A peer that stops
 * reading leaves its send in flight; no recv is armed behind it, so its further bytes wait in the
 * kernel and then in the peer: that is the backpressure.
 *
 * <p>Loop thread only. The loop closes the descriptor; {@link #close()} frees the buffer, and the
 * loop calls it only when no request that names the buffer is in flight.
 */
final class UringConnection implements AutoCloseable {
    /** Bytes one recv may bring: enough for a typical message, small enough for 10 000 idle peers (160 MiB). */
    static final int BUFFER_SIZE = 16 * 1024;

    final int fd;
    private final NativeMemory buffer;
    /** Bytes the last recv brought, now being sent back. */
    private int length;
    /** Of those, how many the kernel has sent. */
    private int sent;

    UringConnection(int fd, int bufferLimit) {
        this.fd = fd;
        this.buffer = NativeMemory.allocate(Math.min(BUFFER_SIZE, bufferLimit));
    }

    long bufferAddress() {
        return buffer.address();
    }

    int bufferSize() {
        return (int) buffer.size();
    }

    /** A recv brought {@code n} bytes: they are to be sent from the start of the buffer. */
    void received(int n) {
        length = n;
        sent = 0;
    }

    /** A send took {@code n} bytes; true if all received bytes are now sent. */
    boolean sent(int n) {
        sent += n;
        return sent == length;
    }

    /** Where the rest of a short send starts. */
    long unsentAddress() {
        return buffer.address() + sent;
    }

    int unsentLength() {
        return length - sent;
    }

    @Override
    public void close() {
        buffer.close();
    }
}
