package io.muxlab.harness.delay;

import java.util.Locale;

/** The three things the delay-queue section measures; each child JVM measures one. */
enum Measure {
    /** Producers calling {@code delay} as fast as they can: enqueues per second. */
    ENQUEUE,
    /** Probe tasks due over a short stretch, among many pending ones: how late they fire. */
    LATENESS,
    /** Reopening a queue of many pending tasks (ours), and heap per pending task (all). */
    RECOVERY;

    /** As results.json's {@code measure} and the child's {@code --measure} spell it. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Measure byId(String id) {
        for (Measure m : values()) {
            if (m.id().equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown measure '" + id + "'; known: enqueue, lateness, recovery");
    }
}
