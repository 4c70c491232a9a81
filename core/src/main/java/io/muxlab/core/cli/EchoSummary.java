package io.muxlab.core.cli;

import io.muxlab.core.echo.EchoStats;
import io.muxlab.core.echo.LoopStats;
import java.util.TreeMap;

/**
 * The one-line summary every echo server prints when it stops, as a {@link ResultLine}: its
 * counters under the names docs/harness.md gives them (reads and writes count calls that moved bytes,
 * not messages: the server knows nothing of the client's framing), then the calls per syscall in brackets,
 * by name: {@code summary: server=epoll-et connections=3 refused=0 closed=3 bytes_read=100
 * bytes_written=100 reads=5 writes=5 syscalls=123 [epoll_wait=40 read=41 write=42]}.
 */
public final class EchoSummary {
    public static final String PREFIX = "summary:";

    private EchoSummary() {
    }

    /** What each loop's line starts with when a server runs several: {@code loop: index=0 connections=… listener_wakeups=…}. */
    public static final String LOOP_PREFIX = "loop:";

    /** One loop's share, printed before the summary by a server with several loops. */
    public static String loopLine(LoopStats loop) {
        return ResultLine.builder(LOOP_PREFIX).count("index", loop.loop()).count("connections", loop.accepted())
                .count("reads", loop.reads()).count("writes", loop.writes()).count("listener_wakeups", loop.listenerWakeups())
                .count("waits", loop.waits()).build().format();
    }

    /** What a running server answers a {@code counters} line on standard input with: the summary's fields, so far. */
    public static final String COUNTERS_PREFIX = "counters:";

    public static String line(String server, EchoStats stats) {
        return line(PREFIX, server, stats);
    }

    /** The counters so far, in the summary's format under {@link #COUNTERS_PREFIX} ({@link CounterRequests}). */
    public static String countersLine(String server, EchoStats stats) {
        return line(COUNTERS_PREFIX, server, stats);
    }

    private static String line(String prefix, String server, EchoStats stats) {
        ResultLine.Builder line = ResultLine.builder(prefix).text("server", server)
                .count("connections", stats.accepted())
                .count("refused", stats.refused())
                .count("closed", stats.closed())
                .count("bytes_read", stats.bytesRead())
                .count("bytes_written", stats.bytesWritten())
                .count("reads", stats.reads())
                .count("writes", stats.writes())
                .count("syscalls", stats.totalSyscalls());
        new TreeMap<>(stats.syscalls()).forEach(line::groupCount);
        return line.build().format();
    }
}
