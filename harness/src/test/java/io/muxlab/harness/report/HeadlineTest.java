package io.muxlab.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.harness.format.Charts;
import io.muxlab.harness.format.JsonWriter;
import io.muxlab.harness.section.PlannedRun;
import io.muxlab.harness.section.Row;
import io.muxlab.harness.section.Section;
import io.muxlab.harness.section.Settings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The headline box asks every known section, run or not, and a section that did not run is asked with no rows. */
class HeadlineTest {
    private record Counted(String scenario) implements Row {
        @Override
        public String server() {
            return "x";
        }

        @Override
        public int errors() {
            return 0;
        }

        @Override
        public String figures() {
            return "";
        }

        @Override
        public void writeJson(JsonWriter json) {
            json.beginObject().endObject();
        }
    }

    /** A section whose headline counts its rows, as a real one computes its line from them; its target counts every row. */
    private record Counting(String id, boolean hasHeadline, boolean hasTarget) implements Section {
        Counting(String id, boolean hasHeadline) {
            this(id, hasHeadline, false);
        }

        @Override
        public String title() {
            return id;
        }

        @Override
        public List<String> childJvmFlags() {
            return List.of();
        }

        @Override
        public List<PlannedRun> plan(Settings settings) {
            return List.of();
        }

        @Override
        public String render(List<Row> rows, Charts charts, Settings settings) {
            return "";
        }

        @Override
        public Optional<String> headline(List<Row> rows) {
            return hasHeadline ? Optional.of(rows.isEmpty() ? id + " did not run" : id + ": " + rows.size() + " rows") : Optional.empty();
        }

        @Override
        public Optional<String> targets(List<Row> everyRow) {
            return hasTarget ? Optional.of(id + " judged " + everyRow.size() + " rows") : Optional.empty();
        }
    }

    @Test
    void everyKnownSectionWithAHeadlineHasALineFromItsOwnRows() {
        Map<Section, List<Row>> ran = new LinkedHashMap<>();
        ran.put(new Counting("a", true), List.of(new Counted("a"), new Counted("a")));
        ran.put(new Counting("c", false), List.of(new Counted("c")));
        // Fresh instances, as the registry hands out: matched by id.
        String box = HtmlReport.headline(ran, List.of(new Counting("a", true), new Counting("b", true), new Counting("c", false)));
        assertTrue(box.startsWith("<div class=\"headline\">"), box);
        assertTrue(box.contains("<li>a: 2 rows</li><li>b did not run</li></ul>"), box);
    }

    @Test
    void targetsFollowTheAnswersAndAreJudgedOnEveryRowOfTheRun() {
        Map<Section, List<Row>> ran = new LinkedHashMap<>();
        ran.put(new Counting("a", true), List.of(new Counted("a"), new Counted("a")));
        ran.put(new Counting("t", false, true), List.of(new Counted("t")));
        String box = HtmlReport.headline(ran, List.of(new Counting("a", true), new Counting("t", false, true)));
        assertTrue(box.contains("<li>a: 2 rows</li></ul><strong>Targets, judged on this run</strong><ul><li>t judged 3 rows</li></ul>"),
                box);
    }

    @Test
    void noBoxWithoutAnyHeadline() {
        assertEquals("", HtmlReport.headline(Map.of(), List.of(new Counting("c", false))));
    }
}
