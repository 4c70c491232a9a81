package io.muxlab.harness.report;

import io.muxlab.harness.format.Charts;
import io.muxlab.harness.format.JsonWriter;
import io.muxlab.harness.launch.Contender;
import io.muxlab.harness.launch.Contenders;
import io.muxlab.harness.section.Row;
import io.muxlab.harness.section.Section;
import io.muxlab.harness.section.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a run of the harness leaves behind: {@code results.json} with every row, in run order,
 * and {@code index.html} with every section's part. It knows sections and rows and nothing of
 * how they were run.
 */
public final class Report {
    private Report() {
    }

    /**
     * Writes both files under the settings' output folder; returns the page.
     *
     * @param known every section the harness has, run or not: the headline box asks each for its line
     */
    public static Path write(Settings settings, Map<Section, List<Row>> rows, List<Section> known) throws IOException {
        JsonWriter json = new JsonWriter();
        json.beginArray();
        rows.values().forEach(section -> section.forEach(r -> r.writeJson(json)));
        json.endArray();
        Files.writeString(settings.out().resolve("results.json"), json.toString(), StandardCharsets.UTF_8);
        new HtmlReport(settings, MachineInfo.collect()).write(rows, known, new Charts(settings.out(), colourKeys(settings)));
        return settings.out().resolve("index.html");
    }

    /** The contenders' names, which take the first colours in report order; a C twin takes its Java server's. */
    private static List<String> colourKeys(Settings settings) {
        return settings.contenders().stream().map(Contender::name).filter(n -> Contenders.twinOf(n).isEmpty()).toList();
    }
}
