package io.muxlab.harness.section;

import java.io.IOException;
import java.util.List;

/** One run a section wants, known before anything runs so progress can say {@code [7/38]}. */
public interface PlannedRun {
    /** What the progress line names, e.g. {@code epoll-et conns=1000}. */
    String label();

    /**
     * About a second per run to start its child JVM, open its connections and stop it, measured on
     * a busy 2-core machine (42 echo runs of 0.45 s windows took 55 s).
     */
    long START_STOP_NANOS = 1_000_000_000L;

    /**
     * How long it should take: its warm-up and measured window plus {@link #START_STOP_NANOS}. A run
     * whose windows differ from the settings' says so by overriding this.
     */
    default long expectedNanos(Settings s) {
        return s.warmupNanos() + s.measureNanos() + START_STOP_NANOS;
    }

    /**
     * The same for a run that may find something set up by the runs planned before it, {@code earlier}
     * (a warm server started by an earlier window); by default what {@link #expectedNanos(Settings)} says.
     */
    default long expectedNanos(Settings s, List<PlannedRun> earlier) {
        return expectedNanos(s);
    }

    /** Runs it (bounded in time) and returns its row; failures of the server go into the row. */
    Row run(RunContext context) throws IOException;
}
