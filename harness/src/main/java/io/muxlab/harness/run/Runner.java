package io.muxlab.harness.run;

import io.muxlab.harness.report.Charts;
import io.muxlab.harness.report.HtmlReport;
import io.muxlab.harness.report.JsonWriter;
import io.muxlab.harness.report.MachineInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans every selected section, runs the runs one after another with a progress line each, and
 * writes {@code results.json} and {@code index.html}. Runs never overlap: two servers measured at
 * once would share the machine and measure each other.
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

    /** Runs everything; returns the rows by section (the report is written too). */
    public Map<Section, List<Row>> run() throws IOException {
        Files.createDirectories(settings.out());
        Map<Section, List<PlannedRun>> plans = new LinkedHashMap<>();
        int total = 0;
        for (Section s : sections) {
            List<PlannedRun> plan = s.plan(settings);
            plans.put(s, plan);
            total += plan.size();
        }
        Map<Section, List<Row>> rows = new LinkedHashMap<>();
        List<Row> all = new ArrayList<>();
        int index = 0;
        for (Map.Entry<Section, List<PlannedRun>> e : plans.entrySet()) {
            List<Row> sectionRows = new ArrayList<>();
            for (PlannedRun run : e.getValue()) {
                index++;
                Row row = run.run(new RunContext(settings, index));
                progress.printf("[%d/%d] %s … %s%n", index, total, run.label(), row.figures());
                progress.flush();
                sectionRows.add(row);
                all.add(row);
            }
            rows.put(e.getKey(), sectionRows);
        }
        writeJson(all);
        Charts charts = new Charts(settings.out());
        new HtmlReport(settings, MachineInfo.collect()).write(rows, charts);
        return rows;
    }

    private void writeJson(List<Row> rows) throws IOException {
        JsonWriter json = new JsonWriter();
        json.beginArray();
        for (Row r : rows) {
            r.writeJson(json);
        }
        json.endArray();
        Files.writeString(settings.out().resolve("results.json"), json.toString(), StandardCharsets.UTF_8);
    }

    /** Where the report is. */
    public Path index() {
        return settings.out().resolve("index.html");
    }
}
