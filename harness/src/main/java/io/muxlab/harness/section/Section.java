package io.muxlab.harness.section;

import io.muxlab.harness.format.Charts;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A scenario group and its part of the report. Adding one (a timer comparison, the delay queue)
 * is one class implementing this plus one line in the harness's {@code Sections}.
 */
public interface Section {
    /** What {@code --scenarios} calls it, and the {@code scenario} of its rows. */
    String id();

    /** Heading in the report. */
    String title();

    /** The flags of the JVM this section's children run on, which the report prints under its heading. */
    List<String> childJvmFlags();

    /** The runs to make, in order. */
    List<PlannedRun> plan(Settings settings);

    /**
     * The ids of other sections whose rows this one draws too, so a figure measured once is not
     * measured again for a second view of it; the report hands this section their rows after its
     * own, and the harness runs them whenever this one is asked for. Default: none.
     */
    default List<String> drawsOn() {
        return List.of();
    }

    /**
     * This section's part of {@code index.html}: charts (drawn through {@code charts}), two or three
     * sentences under each on what it shows and why with a link to the docs, and a table of every row.
     */
    String render(List<Row> rows, Charts charts, Settings settings) throws IOException;

    /**
     * This section's line in the headline box at the top of the report, plain text computed from
     * {@code rows}, or empty if it has none. It is asked with no rows when it did not run, and
     * must then say so rather than invent a figure.
     */
    default Optional<String> headline(List<Row> rows) {
        return Optional.empty();
    }

    /**
     * This section's target verdicts in one line of the headline box ("met", "met in 2 of 3",
     * "missed"), or empty if it holds none. It is given every row of the run, not only its own, since
     * a target may judge what several sections measured; rows it needs that are absent make its
     * verdicts "not measured", never met.
     */
    default Optional<String> targets(List<Row> everyRow) {
        return Optional.empty();
    }
}
