package io.muxlab.uring;

import io.muxlab.core.sys.NativeMemory;

/**
 * One connection of the completion loop: its descriptor and the one buffer the kernel receives
 * into and sends from. The connection alternates: a recv is in flight, or a send of what that
 * recv brought is, never both, so the buffer is never reused before its completion and the bytes
 * held for a peer never exceed one buffer. A peer that stops reading leaves its send in flight; no
 * recv is armed behind it, so its further bytes wait in the kernel and then in the peer: that is
 * the backpressure.
 *
 * <p>The buffer starts at {@link #INITIAL_SIZE} (or the limit, if smaller) and doubles, up to
 * {@code --buffer-limit}, each time a recv fills it: a peer that streams gets bigger recvs, one that
 * sends small messages never grows it. It grows only between a send's last completion and the next
 * recv, the one moment no request names it, so realloc may move it.
 *
 * <p>Loop thread only. The loop closes the descriptor; {@link #close()} frees the buffer, and the
 * loop calls it only when no request that names the buffer is in flight.
 */
final class UringConnection implements AutoCloseable {
    /** Bytes the first recv may bring: enough for a typical message, small enough for 10 000 idle peers (160 MiB). */
    static final int INITIAL_SIZE = 16 * 1024;

    final int fd;
    private final int limit;
    private final NativeMemory buffer;
    /** The last recv filled the buffer: the peer may be streaming. */
    private boolean filled;
    /** Bytes the last recv brought, now being sent back. */
    private int length;
    /** Of those, how many the kernel has sent. */
    private int sent;

    UringConnection(int fd, int bufferLimit) {
        this.fd = fd;
        this.limit = bufferLimit;
        this.buffer = NativeMemory.allocate(Math.min(INITIAL_SIZE, bufferLimit));
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
        filled = n == buffer.size();
    }

    /** Doubles the buffer (up to the limit) if the last recv filled it. Only while nothing is in flight. */
    void growIfFilled() {
        if (filled && buffer.size() < limit) {
            buffer.grow(Math.min(buffer.size() * 2, limit));
        }
        filled = false;
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
