package io.muxlab.harness.run;

import io.muxlab.harness.section.PlannedRun;
import io.muxlab.harness.section.Row;
import io.muxlab.harness.section.RunContext;
import io.muxlab.harness.section.Section;
import io.muxlab.harness.section.Settings;
import io.muxlab.harness.section.Shared;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans every selected section, then runs the runs one after another with a progress line each.
 * Runs never overlap: two servers measured at once would share the machine and measure each
 * other. What runs share across the whole run ({@link Shared}: the echo sections' warm servers) is
 * closed here when the last run is done, also when one throws. The runner knows sections only
 * through {@link Section}; what becomes of the rows (the report) is the caller's business.
 */
public final class Runner {
    private final Settings settings;
    private final List<Section> sections;
    private final PrintStream progress;

    public Runner(Settings settings, List<Section> sections, PrintStream progress) {
        this.settings = settings;
        this.sections = List.copyOf(sections);
        this.progress = progress;
    }

    /** Runs everything; returns the rows by section, in order. */
    public Map<Section, List<Row>> run() throws IOException {
        Files.createDirectories(settings.out());
        Map<Section, List<PlannedRun>> plans = new LinkedHashMap<>();
        for (Section s : sections) {
            plans.put(s, s.plan(settings));
        }
        List<PlannedRun> all = plans.values().stream().flatMap(List::stream).toList();
        progress.println("plan: " + expected(settings, all));
        progress.flush();
        Map<Section, List<Row>> rows = new LinkedHashMap<>();
        int index = 0;
        try (Shared shared = new Shared()) {
            for (Map.Entry<Section, List<PlannedRun>> e : plans.entrySet()) {
                List<Row> sectionRows = new ArrayList<>();
                for (PlannedRun run : e.getValue()) {
                    index++;
                    Row row = run.run(new RunContext(settings, index, shared, all.subList(index, all.size())));
                    progress.printf("[%d/%d] %s … %s%n", index, all.size(), run.label(), row.figures());
                    progress.flush();
                    sectionRows.add(row);
                }
                rows.put(e.getKey(), sectionRows);
            }
        }
        return rows;
    }

    /** The plan of {@code sections} under {@code settings} as --help and the first progress line say it. */
    public static String expected(List<Section> sections, Settings settings) {
        return expected(settings, sections.stream().flatMap(s -> s.plan(settings).stream()).toList());
    }

    /** {@code 214 runs, about 11 minutes}: every run's {@link PlannedRun#expectedNanos}, given the runs before it, summed. */
    private static String expected(Settings settings, List<PlannedRun> all) {
        long nanos = 0;
        for (int i = 0; i < all.size(); i++) {
            nanos += all.get(i).expectedNanos(settings, all.subList(0, i));
        }
        long seconds = nanos / 1_000_000_000L;
        String time = seconds < 120 ? "about " + seconds + " s" : "about " + Math.round(seconds / 60.0) + " minutes";
        return all.size() + " runs, " + time;
    }
}
