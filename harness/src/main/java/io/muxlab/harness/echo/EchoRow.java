package io.muxlab.harness.echo;

import io.muxlab.harness.format.Fmt;
import io.muxlab.harness.format.JsonWriter;
import io.muxlab.harness.section.Row;
import java.util.List;
import java.util.Map;

/**
 * One echo run as results.json and the tables show it. Figures that could not be measured are
 * NaN (null in JSON): syscalls for servers that do not count them, everything for a skipped run.
 *
 * @param connections connections open during the run (active + idle)
 * @param active connections carrying messages
 * @param offeredRate open loop: offered messages per second; 0 for closed loop
 * @param serverCpuMicrosPerMessage server CPU time (all threads) in the window / messages in the window
 * @param serverCores server CPU time / window: 1.0 is one core kept busy
 * @param syscallsPerMessage server syscalls / messages echoed: over the measured window when
 *     {@code syscallsInWindow}, else over its whole life / the whole run (warm-up and connection set-up included)
 * @param syscalls those calls by C name
 * @param syscallsInWindow true if the counts were taken at the edges of the measured window (a server
 *     that answers {@code counters} on standard input), false if they are its whole life's (its summary)
 * @param clientCores the load threads' CPU time / window (near the thread count: the client was the limit)
 * @param jvm the Java runtime the server ran on ({@code Java 25.0.3 (…)}), or null for an external command
 * @param memory the server's memory with the active connections open and with all of them, before the load
 * @param note why a run was not made or stopped short (e.g. select's FD_SETSIZE), or null
 * @param error what went wrong, or null
 */
public record EchoRow(String scenario, String server, String kind, int connections, int active, int messageBytes,
        int depth, double offeredRate, double messagesPerSecond, double megabytesPerSecond, double p50Micros,
        double p90Micros, double p99Micros, double p999Micros, double maxMicros, double serverCpuMicrosPerMessage,
        double serverCores, double syscallsPerMessage, Map<String, Long> syscalls, boolean syscallsInWindow, double clientCores, int clientThreads,
        String jvm, ConnectionMemory memory, int errors, String note, String error) implements Row {

    public EchoRow {
        syscalls = Map.copyOf(syscalls);
    }

    /** The wait calls among the syscalls: one per trip round the loop. */
    static final List<String> WAITS = List.of("select", "poll", "epoll_wait", "io_uring_enter");

    /** Syscalls per wait call: the whole trip round the loop, the wait included; NaN if no wait was counted. */
    public double syscallsPerWait() {
        long waits = WAITS.stream().mapToLong(w -> syscalls.getOrDefault(w, 0L)).sum();
        long all = syscalls.values().stream().mapToLong(Long::longValue).sum();
        return waits > 0 ? (double) all / waits : Double.NaN;
    }

    /** The syscalls-per-message figure as the tables print it: a whole-life figure is marked so, on a line of its own. */
    public String syscallsPerMessageText() {
        String v = Fmt.decimal(syscallsPerMessage, 2);
        return Double.isFinite(syscallsPerMessage) && !syscallsInWindow ? v + "\n(whole life)" : v;
    }

    /** True if the run measured something (not skipped, not failed). */
    public boolean measured() {
        return errors == 0 && note == null && !Double.isNaN(messagesPerSecond);
    }

    /**
     * The load threads were busy over 90% of the window, so the client may have set the pace. Not
     * in an open loop that carried its rate: there the client polls for send times and is always busy.
     */
    public boolean clientBound() {
        boolean busy = clientCores > 0.9 * clientThreads;
        return busy && (offeredRate == 0 || messagesPerSecond < 0.95 * offeredRate);
    }

    /**
     * Neither side set the pace: a closed loop with work always queued (at least two messages in
     * flight per load thread), yet the server used under 0.9 of a core and the client's threads
     * under 90% of theirs. Then something else held the CPU — another process on a shared machine —
     * and the run measured that. (One connection is a ping-pong, where each side waits for the
     * other by design, so it is never called disturbed.)
     */
    public boolean disturbed() {
        boolean queued = offeredRate == 0 && (long) active * depth >= 2L * clientThreads;
        return queued && !clientBound() && serverCores < 0.9 && clientCores < 0.9 * clientThreads;
    }

    @Override
    public String figures() {
        if (error != null) {
            return "ERROR: " + error;
        }
        if (note != null) {
            return note;
        }
        StringBuilder sb = new StringBuilder();
        if (offeredRate > 0) {
            sb.append(Fmt.count(messagesPerSecond)).append(" of ").append(Fmt.count(offeredRate)).append(" msg/s");
        } else {
            sb.append(Fmt.count(messagesPerSecond)).append(" msg/s");
        }
        sb.append(" p99 ").append(Fmt.micros(p99Micros));
        if (messageBytes >= 1024) {
            sb.append(", ").append(Fmt.decimal(megabytesPerSecond, 1)).append(" MB/s");
        }
        sb.append(", server ").append(Fmt.decimal(serverCpuMicrosPerMessage, 1)).append(" µs CPU/msg");
        if (clientBound()) {
            sb.append(" (client-bound)");
        } else if (disturbed()) {
            sb.append(" (disturbed)");
        }
        return sb.toString();
    }

    @Override
    public void writeJson(JsonWriter json) {
        json.beginObject()
                .field("scenario", scenario).field("server", server).field("kind", kind)
                .field("connections", connections).field("active", active).field("messageBytes", messageBytes)
                .field("depth", depth).field("offeredRate", offeredRate)
                .field("messagesPerSecond", messagesPerSecond).field("megabytesPerSecond", megabytesPerSecond)
                .field("p50Micros", p50Micros).field("p90Micros", p90Micros).field("p99Micros", p99Micros)
                .field("p999Micros", p999Micros).field("maxMicros", maxMicros)
                .field("serverCpuMicrosPerMessage", serverCpuMicrosPerMessage).field("serverCores", serverCores)
                .field("syscallsPerMessage", syscallsPerMessage).field("syscallsPerWait", syscallsPerWait())
                .field("syscalls", syscalls).field("syscallsOver", syscalls.isEmpty() ? null : syscallsInWindow ? "window" : "whole life")
                .field("clientCpuCores", clientCores).field("clientThreads", clientThreads)
                .field("jvm", jvm)
                .field("serverRssBytes", bytes(memory.rssBytes()))
                .field("serverRssActiveOnlyBytes", bytes(memory.activeOnlyRssBytes()))
                .field("rssBytesPerIdleConnection", memory.rssPerIdleConnection())
                .field("socketBufferBytes", bytes(memory.socketBytes()))
                .field("socketBufferActiveOnlyBytes", bytes(memory.activeOnlySocketBytes()))
                .field("socketBufferBytesPerIdleConnection", memory.socketBytesPerIdleConnection())
                .field("errors", errors).field("note", note).field("error", error)
                .endObject();
    }

    /** A sample that was not taken (-1) is null in JSON, like every figure not measured. */
    private static double bytes(long sampled) {
        return sampled < 0 ? Double.NaN : sampled;
    }
}
