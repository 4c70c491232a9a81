package io.muxlab.harness.echo;

import io.muxlab.harness.launch.MemorySample;

/**
 * What the idle connections of one run cost the server: two {@link MemorySample}s of the same
 * process, taken before the load starts, with only the active connections open and then with the
 * idle ones too. The difference over the idle connections is what one more idle connection costs,
 * without the noise of comparing two processes (JIT, heap sizing) — the question the C10K argument
 * turns on. A figure not sampled is -1.
 *
 * @param idle the idle connections opened between the two samples
 */
public record ConnectionMemory(int idle, long activeOnlyRssBytes, long rssBytes, long activeOnlySocketBytes,
        long socketBytes) {
    /** A run that sampled nothing (not run, or failed before its connections were open). */
    public static final ConnectionMemory NONE = new ConnectionMemory(0, -1, -1, -1, -1);

    /**
     * A warm server's window: its resident memory with every connection open, and no figure per
     * idle connection, since a JVM that served earlier windows puts new connections in heap it had freed.
     */
    static ConnectionMemory warm(MemorySample all) {
        return new ConnectionMemory(0, -1, all.rssBytes(), -1, -1);
    }

    /** From the sample with the active connections only and the one with every connection open (the same if none was idle). */
    static ConnectionMemory of(int idle, MemorySample activeOnly, MemorySample all) {
        return new ConnectionMemory(idle, activeOnly.rssBytes(), all.rssBytes(), activeOnly.socketBufferBytes(),
                all.socketBufferBytes());
    }

    /** Resident bytes per idle connection; NaN without idle connections or samples. */
    public double rssPerIdleConnection() {
        return perIdle(activeOnlyRssBytes, rssBytes);
    }

    /** The kernel's socket buffer bytes per idle connection; NaN without idle connections or samples. */
    public double socketBytesPerIdleConnection() {
        return perIdle(activeOnlySocketBytes, socketBytes);
    }

    private double perIdle(long before, long after) {
        return idle > 0 && before >= 0 && after >= 0 ? (double) (after - before) / idle : Double.NaN;
    }
}
