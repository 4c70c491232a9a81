package io.muxlab.core.echo;

import io.muxlab.core.mux.Interest;
import io.muxlab.core.mux.Ready;
import io.muxlab.core.sys.Fds;
import io.muxlab.core.sys.SyscallException;

/**
 * One accepted connection: its descriptor, its {@link EchoBuffer}, and what the loop knows about
 * its readiness. {@link #transfer} moves bytes (read into the buffer, write from it); the loop
 * decides interest, queueing and closing from the answers of {@link #hasWork()},
 * {@link #wantedInterest()} and {@link #finished()}.
 *
 * <p>Readiness is kept as two hints, "may be readable" and "may be writable": a kernel event sets
 * them, EAGAIN clears them. The policy differs by trigger mode, and this is the only place it does:
 * <ul>
 *   <li>Level-triggered: one read per wake-up; the kernel reports the descriptor again while bytes
 *       remain. A write that leaves bytes behind means the socket buffer is full, so we stop and ask
 *       for writability rather than make a call that would only return EAGAIN.
 *   <li>Edge-triggered: the kernel reports a change once, so we read and write until EAGAIN or a
 *       short read (which proves the queue was empty, unless the event said the peer half-closed:
 *       then we read on to the end of the stream); what we leave undone before that, no event
 *       will remind us of. {@link #transfer}'s budget caps how
 *       much one connection gets per turn; the loop keeps a connection with work left on its ready
 *       list, so one busy peer cannot starve the others.
 * </ul>
 *
 * <p>Backpressure: once the buffer holds the limit, {@link #canRead()} is false, the loop drops
 * read interest, and the peer's bytes wait in the kernel (and then in the peer) until we have
 * written enough back. Loop thread only.
 */
final class Connection implements AutoCloseable {
    final int fd;
    private final EchoBuffer buffer;
    private final boolean edgeTriggered;
    private final EchoCounters counters;
    private final Tracer tracer;

    private boolean readHint;
    private boolean writeHint = true;
    /**
     * The kernel said the peer shut down its write side (EPOLLRDHUP): the FIN is queued behind the
     * bytes, and it raises no edge of its own, so an edge-triggered reader must read to the end.
     */
    private boolean readToEnd;
    /** The peer shut down its write side (read returned 0): echo what is left, then close. */
    private boolean inputClosed;
    /** Why the connection must close now, or null while it is healthy. */
    private String failure;
    /** The interest currently registered with the multiplexer. */
    int interest = Interest.READ;
    /** On the loop's ready list now. */
    boolean queued;
    /** {@link IdleList}'s bookkeeping: when this connection last moved a byte, and its neighbours there. */
    long lastActive;
    Connection idleOlder;
    Connection idleNewer;
    boolean idleListed;

    /** A mistake switched on for the lab ({@code --pitfall}); {@link Pitfall#NONE} is the correct loop. */
    private final Pitfall pitfall;

    Connection(int fd, int bufferLimit, boolean edgeTriggered, EchoCounters counters, Tracer tracer, Pitfall pitfall) {
        this.pitfall = pitfall;
        this.fd = fd;
        // PITFALL unbounded, the wrong way: no cap on what one connection may hold.
        this.buffer = new EchoBuffer(pitfall == Pitfall.UNBOUNDED ? Integer.MAX_VALUE : bufferLimit);
        this.edgeTriggered = edgeTriggered;
        this.counters = counters;
        this.tracer = tracer;
    }

    /** Takes in what the multiplexer reported for this descriptor. */
    void ready(int readyBits) {
        if ((readyBits & Ready.READ) != 0) {
            tracer.readable(fd);
            readHint = true;
        }
        // PITFALL ignore-rdhup, the wrong way: drop the one bit that says the FIN is already queued.
        if ((readyBits & Ready.READ_CLOSED) != 0 && pitfall != Pitfall.IGNORE_RDHUP) {
            readToEnd = true;
        }
        if ((readyBits & Ready.WRITE) != 0) {
            tracer.writable(fd);
            writeHint = true;
        }
        // HANGUP on a socket we never shut down ourselves means the peer reset it; ERROR means a
        // pending error such as ECONNRESET. Unread bytes may remain, but nothing can be sent back,
        // so there is nothing left to echo.
        if ((readyBits & Ready.HANGUP) != 0) {
            failure = "hang-up";
        } else if ((readyBits & Ready.ERROR) != 0) {
            failure = "error";
        }
    }

    /**
     * Reads and writes until there is nothing to do, the hints run out, or {@code budget} calls are
     * spent; true if any call moved bytes or saw the end of the stream.
     */
    boolean transfer(int budget) {
        boolean moved = false;
        try {
            while (budget > 0 && failure == null) {
                boolean progressed = false;
                if (canWrite()) {
                    budget--;
                    progressed = write();
                }
                if (budget > 0 && canRead()) {
                    budget--;
                    progressed |= read();
                }
                if (!progressed) {
                    return moved;
                }
                moved = true;
            }
        } catch (SyscallException e) {
            // ECONNRESET, EPIPE, ETIMEDOUT...: the peer is gone; forget it.
            failure = e.errnoName();
        }
        return moved;
    }

    private boolean write() {
        int length = buffer.dataLength();
        long n = Fds.write(fd, buffer.dataAddress(), length);
        if (n == Fds.WOULD_BLOCK) {
            writeHint = false;
            return false;
        }
        buffer.drained(n);
        counters.written(n);
        tracer.wrote(fd, n);
        if (n < length) {
            // A short write means the send buffer is full now: the next write would only hear
            // EAGAIN. Under either mode the kernel announces when room frees up.
            writeHint = false;
        }
        return true;
    }

    private boolean read() {
        int asked = buffer.spaceLength();
        long n = Fds.read(fd, buffer.spaceAddress(), asked);
        if (n == Fds.WOULD_BLOCK) {
            readHint = false;
            return false;
        }
        tracer.read(fd, n);
        if (n == 0) {
            inputClosed = true;
            return true;
        }
        buffer.filled(n);
        counters.read(n);
        // PITFALL single-read, the wrong way: under EPOLLET, one read per event, whatever is left.
        if (!edgeTriggered || (n < asked && !readToEnd) || pitfall == Pitfall.SINGLE_READ) {
            // Level-triggered: bytes left behind are reported again on the next wait.
            // Edge-triggered: a short read proves the receive queue held no more bytes at that
            // instant, and bytes that arrive later raise a new edge; only a read that filled the
            // space leaves doubt. Stopping here saves the read that would return EAGAIN (Netty's
            // epoll transport stops the same way). Not so once the event said RDHUP: the FIN
            // that was already queued behind the bytes raises no new edge, so we read on until
            // read returns 0 (Netty does the same for RDHUP).
            readHint = false;
        }
        return true;
    }

    private boolean canRead() {
        return readHint && !inputClosed && !buffer.full();
    }

    private boolean canWrite() {
        return writeHint && buffer.pending() > 0;
    }

    /** True if {@link #transfer} stopped on its budget, not on EAGAIN: the loop must come back without an event. */
    boolean hasWork() {
        return failure == null && (canRead() || canWrite());
    }

    /**
     * Read interest while we may read (open input, room in the buffer); write interest only while
     * bytes wait and the last write could not send them all. Asking for writability at any other
     * time would make a level-triggered loop spin: an idle socket is always writable.
     */
    int wantedInterest() {
        int wanted = Interest.NONE;
        if (!inputClosed && !buffer.full()) {
            wanted |= Interest.READ;
        }
        if (buffer.pending() > 0 && !writeHint) {
            wanted |= Interest.WRITE;
        }
        if (pitfall == Pitfall.ALWAYS_WRITABLE) {
            wanted |= Interest.WRITE; // PITFALL always-writable, the wrong way: an idle socket is always writable
        }
        return wanted;
    }

    /** Non-null when the connection is done: the reason to close it. */
    String finished() {
        if (failure != null) {
            return failure;
        }
        if (inputClosed && buffer.pending() == 0) {
            return "peer closed";
        }
        return null;
    }

    /** Bytes held for this peer, waiting to be written back. */
    int pending() {
        return buffer.pending();
    }

    /** Frees the buffer. The loop deregisters and closes the descriptor. */
    @Override
    public void close() {
        buffer.close();
    }
}
