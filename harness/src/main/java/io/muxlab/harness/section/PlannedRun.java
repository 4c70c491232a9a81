package io.muxlab.harness.section;

import java.io.IOException;

/** One run a section wants, known before anything runs so progress can say {@code [7/38]}. */
public interface PlannedRun {
    /** What the progress line names, e.g. {@code epoll-et conns=1000}. */
    String label();

    /** Runs it (bounded in time) and returns its row; failures of the server go into the row. */
    Row run(RunContext context) throws IOException;
}
