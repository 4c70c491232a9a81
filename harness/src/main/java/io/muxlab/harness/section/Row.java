package io.muxlab.harness.section;

import io.muxlab.harness.format.JsonWriter;

/** One measured run, as the report and results.json see it. Each section has its own row type. */
public interface Row {
    /** The section's id, e.g. {@code connections}. */
    String scenario();

    /** What was measured, e.g. a server's name. */
    String server();

    /** 0 for a clean run; a run with errors is reported but its figures are not to be trusted. */
    int errors();

    /** The short figures printed on the progress line, e.g. {@code 142k msg/s p99 310 µs}. */
    String figures();

    /** Writes this row as one JSON object (the writer is positioned where an object may start). */
    void writeJson(JsonWriter json);
}
