package io.muxlab.harness.pitfalls;

import io.muxlab.harness.format.JsonWriter;
import io.muxlab.harness.section.Row;

/**
 * One run of the pitfalls scenario: a server, correct or with one {@code --pitfall}, and the one
 * figure that shows that pitfall's symptom.
 *
 * @param pitfall the pitfall this pair of runs is about, e.g. {@code busy-poll}
 * @param server what ran, e.g. {@code epoll-lt} or {@code epoll-lt --pitfall busy-poll}
 * @param wrong true for the run with the pitfall switched on
 * @param measure what the figure is, e.g. {@code idle CPU (cores)}
 * @param value the figure; NaN when the run could not measure it
 * @param shown the figure as the table shows it, e.g. {@code 0.98 cores} or {@code hung after 3 s}
 * @param hung true if the figure is a bounded wait that ran out
 * @param errors 0 for a clean run
 * @param error what went wrong, or null
 */
record PitfallRow(String pitfall, String server, boolean wrong, String measure, double value, String shown, boolean hung,
        int errors, String error) implements Row {
    static final String SCENARIO = "pitfalls";

    @Override
    public String scenario() {
        return SCENARIO;
    }

    @Override
    public String figures() {
        return error != null ? "error: " + error : measure + " " + shown;
    }

    @Override
    public void writeJson(JsonWriter json) {
        json.beginObject()
                .field("scenario", SCENARIO).field("pitfall", pitfall).field("server", server).field("wrong", wrong)
                .field("measure", measure).field("value", value).field("shown", shown).field("hung", hung)
                .field("errors", errors).field("error", error)
                .endObject();
    }
}
