package io.muxlab.core.cli;

import io.muxlab.core.echo.EchoStats;
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

    public static String line(String server, EchoStats stats) {
        ResultLine.Builder line = ResultLine.builder(PREFIX).text("server", server)
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
