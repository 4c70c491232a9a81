package io.muxlab.core.echo;

import io.muxlab.core.trace.TraceSink;

/**
 * {@code --trace}: one line per kernel event, so a reader can watch the loop work with
 * {@code nc 127.0.0.1 7001} in another terminal:
 *
 * <pre>
 * accept fd=7
 * readable fd=7
 * read fd=7 n=6
 * wrote fd=7 n=6
 * writable fd=7
 * close fd=7 (peer closed)
 * </pre>
 *
 * When tracing is off every method returns at its first test, so the hot path pays one
 * well-predicted branch and builds no strings. Lines go to a {@link TraceSink}, which never blocks
 * the loop. Loop thread only.
 */
final class Tracer {
    private final boolean enabled;
    private final TraceSink out;

    /** @param out where lines go, or null: tracing off */
    Tracer(TraceSink out) {
        this.enabled = out != null;
        this.out = out;
    }

    void accept(int fd) {
        if (enabled) {
            out.line("accept fd=" + fd);
        }
    }

    void readable(int fd) {
        if (enabled) {
            out.line("readable fd=" + fd);
        }
    }

    void writable(int fd) {
        if (enabled) {
            out.line("writable fd=" + fd);
        }
    }

    void read(int fd, long n) {
        if (enabled) {
            out.line(n == 0 ? "read fd=" + fd + " n=0 (end of stream)" : "read fd=" + fd + " n=" + n);
        }
    }

    void wrote(int fd, long n) {
        if (enabled) {
            out.line("wrote fd=" + fd + " n=" + n);
        }
    }

    void close(int fd, String reason) {
        if (enabled) {
            out.line("close fd=" + fd + " (" + reason + ")");
        }
    }
}
