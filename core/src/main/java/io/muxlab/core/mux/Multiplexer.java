package io.muxlab.core.mux;

/**
 * The readiness contract: the handful of operations an event loop needs from the kernel, as small
 * as Redis's {@code aeApi*} functions or mio's selector. {@code select-echo}, {@code poll-echo} and
 * {@code epoll-echo} each implement it once for their syscall; everything above it (the echo loop,
 * its buffers, backpressure) is written once, so the servers differ in exactly this interface.
 *
 * <p>Descriptors are identified by their number. Interest is a set of {@link Interest} bits;
 * readiness comes back as {@link Ready} bits through a {@link ReadyEvents} the caller owns.
 *
 * <p>Threading: one thread (the loop) owns a multiplexer and makes every call, {@link #close()}
 * included. Another thread that needs the loop's attention writes to an
 * {@link io.muxlab.core.sys.EventFd} that the loop has registered for reading.
 */
public interface Multiplexer extends AutoCloseable {

    /** Short name for reports: {@code select}, {@code poll}, {@code epoll-lt}, {@code epoll-et}. */
    String name();

    /**
     * True if readiness is reported only on change (edge-triggered): the caller must then read or
     * write until EAGAIN (a short read also proves the socket empty, unless {@link Ready#READ_CLOSED}
     * was reported: then read until the end of the stream), or remember the descriptor itself,
     * because no new event will come.
     */
    boolean edgeTriggered();

    /**
     * The largest descriptor number this multiplexer can watch, or {@link Integer#MAX_VALUE}
     * ({@code select}: FD_SETSIZE - 1).
     */
    int maxFd();

    /**
     * Why this multiplexer cannot watch {@code fd}, in words for a log line, or null if it can. The
     * backend knows its own limit and its name (select: FD_SETSIZE); the loop only relays it.
     */
    default String refusal(int fd) {
        return fd <= maxFd() ? null : name() + " can only watch descriptors 0.." + maxFd();
    }

    /** Starts watching {@code fd} for {@code interest} (a set of {@link Interest} bits, possibly empty). */
    void register(int fd, int interest);

    /** Replaces the interest of a registered descriptor. */
    void modify(int fd, int interest);

    /** Stops watching {@code fd}. Call it before closing the descriptor. */
    void deregister(int fd);

    /**
     * Waits until at least one watched descriptor is ready or the timeout passes, and puts the
     * ready ones in {@code out} (cleared first).
     *
     * @param timeoutNanos negative: wait forever; 0: do not block. A positive timeout shorter than
     *     the syscall's resolution is rounded up, never down to a busy 0.
     * @return the number of ready descriptors put in {@code out}; 0 on timeout or a signal
     */
    int wait(long timeoutNanos, ReadyEvents out);

    /** Releases the kernel object and native memory. Registered descriptors are not closed. */
    @Override
    void close();
}
