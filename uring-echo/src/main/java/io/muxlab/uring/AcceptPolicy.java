package io.muxlab.uring;

import io.muxlab.core.sys.Errno;
import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * When the completion loop arms its multishot accept, and what it says while it cannot serve.
 * The same policy as the readiness loops' {@code Acceptor}, on completions:
 *
 * <ul>
 *   <li>Out of descriptors (EMFILE/ENFILE): the accept completes with {@code -EMFILE} and, being
 *       an error, ends. Re-arming at once would fail at once, again and again: a busy loop of
 *       completions. So we leave it unarmed, log once per episode, and re-arm when one of our
 *       connections closes or {@link #RETRY_NANOS} later (descriptors may be freed elsewhere in the
 *       process); the loop waits with that timeout. Queued clients stay in the backlog until then.
 *   <li>Over {@code --max-connections}: accepted and closed at once, logged once per run of refusals.
 * </ul>
 *
 * Loop thread only. The clock is injected so the retry timing could be driven without sleeping.
 */
final class AcceptPolicy {
    static final long RETRY_NANOS = 100_000_000L;

    private final PrintStream log;
    private final LongSupplier clock;
    private boolean armed;
    private boolean paused;
    private long pausedAt;
    private long retryAt;
    private int failedRetries;
    private int refusedInEpisode;

    AcceptPolicy(PrintStream log, LongSupplier clock) {
        this.log = log;
        this.clock = clock;
    }

    static boolean outOfDescriptors(int errno) {
        return errno == Errno.EMFILE || errno == Errno.ENFILE
                || errno == Errno.ENOMEM;
    }

    void armed() {
        armed = true;
    }

    /** The accept's last completion (no F_MORE) came: it is no longer armed. */
    void ended() {
        armed = false;
    }

    boolean isArmed() {
        return armed;
    }

    boolean paused() {
        return paused;
    }

    /** How long the loop may block: until the next retry while paused and unarmed, otherwise forever (-1). */
    long timeoutNanos() {
        return paused && !armed ? Math.max(0, retryAt - clock.getAsLong()) : -1;
    }

    boolean retryDue() {
        return paused && !armed && clock.getAsLong() >= retryAt;
    }

    void pause(RuntimeException cause, int open) {
        long now = clock.getAsLong();
        retryAt = now + RETRY_NANOS;
        if (paused) {
            failedRetries++;
            return;
        }
        paused = true;
        pausedAt = now;
        failedRetries = 0;
        log.println(UringEchoServer.NAME + ": out of descriptors: " + cause.getMessage() + "; serving the " + open
                + " open connections, new ones wait in the backlog; retrying every " + RETRY_NANOS / 1_000_000
                + " ms and whenever a connection closes");
    }

    /** An accept completed with a connection. */
    void succeeded() {
        if (paused) {
            paused = false;
            log.println(UringEchoServer.NAME + ": accepting again after " + (clock.getAsLong() - pausedAt) / 1_000_000
                    + " ms out of descriptors (" + failedRetries + " failed retries)");
        }
    }

    /** A connection is to be served: ends a run of refusals. */
    void serving() {
        if (refusedInEpisode > 0) {
            log.println(UringEchoServer.NAME + ": accepting again after refusing " + refusedInEpisode + " connection(s)");
            refusedInEpisode = 0;
        }
    }

    void refused(String why) {
        if (refusedInEpisode++ == 0) {
            log.println(UringEchoServer.NAME + ": refusing connections: " + why
                    + "; accepting and closing each until there is room (counted in the summary's refused=)");
        }
    }
}
