package io.muxlab.harness.loops;

import io.muxlab.harness.format.JsonWriter;
import io.muxlab.harness.section.Row;
import java.util.List;
import java.util.Locale;

/**
 * One run of the many-loops scenario: {@code epoll-echo --loops N} in one accept model under the
 * same closed-loop load, and how the work fell to the loops.
 *
 * @param model {@code shared}, {@code exclusive} or {@code reuseport}
 * @param server what ran, e.g. {@code epoll-lt --loops 4 --accept shared}
 * @param loops the loop count
 * @param connections connections the load opened
 * @param perLoopConnections connections each loop accepted, by loop index
 * @param perLoopReads read calls that moved bytes, by loop (about one per message at this size)
 * @param switchesPerConnection context switches of the loop threads per connection made one by one ({@link Herd})
 * @param wakeupsPerConnection waits that returned with the listener readable, over all loops, per accepted connection
 * @param messagesPerSecond echoes per second in the window
 * @param p99Micros round-trip p99
 * @param errors 0 for a clean run
 * @param error what went wrong, or null
 */
record ManyLoopsRow(String model, String server, int loops, int connections, List<Long> perLoopConnections,
        List<Long> perLoopReads, double switchesPerConnection, double wakeupsPerConnection, double messagesPerSecond, double p99Micros, int errors,
        String error) implements Row {
    static final String SCENARIO = "many-loops";

    ManyLoopsRow {
        perLoopConnections = List.copyOf(perLoopConnections);
        perLoopReads = List.copyOf(perLoopReads);
    }

    @Override
    public String scenario() {
        return SCENARIO;
    }

    /** The busiest loop's share of the connections, 1/loops when even. */
    double busiestShare() {
        long total = perLoopConnections.stream().mapToLong(Long::longValue).sum();
        long most = perLoopConnections.stream().mapToLong(Long::longValue).max().orElse(0);
        return total == 0 ? Double.NaN : (double) most / total;
    }

    @Override
    public String figures() {
        return error != null ? "error: " + error : "connections per loop " + perLoopConnections + ", "
                + String.format(Locale.ROOT, "%.1f switches/connection, %.2f wake-ups/connection, p99 %.0f µs",
                        switchesPerConnection, wakeupsPerConnection, p99Micros);
    }

    @Override
    public void writeJson(JsonWriter json) {
        json.beginObject()
                .field("scenario", SCENARIO).field("model", model).field("server", server).field("loops", loops)
                .field("connections", connections)
                .field("perLoopConnections", perLoopConnections.toString()).field("perLoopReads", perLoopReads.toString())
                .field("switchesPerConnection", switchesPerConnection)
                .field("wakeupsPerConnection", wakeupsPerConnection).field("messagesPerSecond", messagesPerSecond)
                .field("p99Micros", p99Micros).field("errors", errors).field("error", error)
                .endObject();
    }
}
