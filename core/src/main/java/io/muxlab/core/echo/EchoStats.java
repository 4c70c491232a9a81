package io.muxlab.core.echo;

import java.util.Map;

/**
 * A snapshot of an echo server's counters.
 *
 * @param accepted connections accepted (refused ones included)
 * @param refused connections closed at once: over --max-connections, or beyond what the
 *     multiplexer can watch (select's FD_SETSIZE)
 * @param closed connections closed, for any reason (refused ones included)
 * @param bytesRead bytes read from clients
 * @param bytesWritten bytes written back
 * @param reads read calls that returned data (not messages: one message may take several reads,
 *     or several messages one)
 * @param writes write calls that sent data
 * @param syscalls calls per syscall by C name since the process started (empty for servers that
 *     do not go through muxlab's syscall layer)
 */
public record EchoStats(long accepted, long refused, long closed, long bytesRead, long bytesWritten,
        long reads, long writes, Map<String, Long> syscalls) {

    public EchoStats {
        syscalls = Map.copyOf(syscalls);
    }

    /** Connections open now. */
    public long open() {
        return accepted - closed;
    }

    public long totalSyscalls() {
        return syscalls.values().stream().mapToLong(Long::longValue).sum();
    }
}
