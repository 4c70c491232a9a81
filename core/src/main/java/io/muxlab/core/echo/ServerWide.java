package io.muxlab.core.echo;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the loops of one server share (see {@link MultiplexedEchoServer}): the connections open in
 * all of them, which {@code --max-connections} limits, and the out-of-descriptors episode, which
 * runs from the first loop's failed accept to the last loop's recovery, so the log speaks of it
 * once for the server, not once per loop. Any loop thread.
 */
final class ServerWide {
    final AtomicInteger open = new AtomicInteger();
    /** Loops out of descriptors now; guarded by this, as are the two fields below. */
    private int loopsOut;
    /** When the first of them ran out (the loops' clock). */
    private long episodeStart;
    /** Retries that failed again since then, in all loops. */
    private int failedRetries;

    /** A loop ran out of descriptors at {@code now}: true if it is the first, whose log line opens the episode. */
    synchronized boolean ranOut(long now) {
        if (loopsOut++ > 0) {
            return false;
        }
        episodeStart = now;
        failedRetries = 0;
        return true;
    }

    /** A paused loop's retry failed too. */
    synchronized void retryFailed() {
        failedRetries++;
    }

    /**
     * A loop can accept again at {@code now}: if it was the last loop out, the episode's end in words
     * for the log, else null. Words rather than a record: a class loaded now, out of descriptors,
     * may find no descriptor to read its class file with.
     */
    synchronized String recovered(long now) {
        if (--loopsOut > 0) {
            return null;
        }
        return "accepting again after " + (now - episodeStart) / 1_000_000 + " ms out of descriptors (" + failedRetries
                + " failed retries)";
    }
}
