package io.muxlab.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.harness.format.Charts;
import io.muxlab.harness.format.JsonWriter;
import io.muxlab.harness.launch.Contender;
import io.muxlab.harness.section.PlannedRun;
import io.muxlab.harness.section.Row;
import io.muxlab.harness.section.RunContext;
import io.muxlab.harness.section.Section;
import io.muxlab.harness.section.Settings;
import io.muxlab.harness.section.Shared;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the runner tells each run, and that what runs share is closed on every path. */
class RunnerTest {
    /** A shared object that records its closing. */
    static final class Held implements Shared.Resource {
        final List<String> log;

        Held(List<String> log) {
            this.log = log;
        }

        @Override
        public void close() {
            log.add("closed");
        }
    }

    private record Step(String label, List<String> log, boolean fails) implements PlannedRun {
        @Override
        public Row run(RunContext context) {
            context.shared().get(Held.class, () -> new Held(log));
            log.add(label + " before " + context.later().stream().map(PlannedRun::label).toList());
            if (fails) {
                throw new IllegalStateException(label + " failed");
            }
            return new Row() {
                @Override
                public String scenario() {
                    return "steps";
                }

                @Override
                public String server() {
                    return label;
                }

                @Override
                public int errors() {
                    return 0;
                }

                @Override
                public String figures() {
                    return "ok";
                }

                @Override
                public void writeJson(JsonWriter json) {
                    json.beginObject().endObject();
                }
            };
        }
    }

    private record Steps(List<PlannedRun> runs) implements Section {
        @Override
        public String id() {
            return "steps";
        }

        @Override
        public String title() {
            return "Steps";
        }

        @Override
        public List<String> childJvmFlags() {
            return List.of();
        }

        @Override
        public List<PlannedRun> plan(Settings settings) {
            return runs;
        }

        @Override
        public String render(List<Row> rows, Charts charts, Settings settings) {
            return "";
        }
    }

    private static Settings settings(Path out) {
        return new Settings(false, 1, 1, List.<Contender>of(), 1, 1, 1, out, "docs", 1024, 1);
    }

    @Test
    void eachRunSeesTheRunsAfterItAndWhatTheyShareIsClosedAtTheEnd(@TempDir Path out) throws Exception {
        List<String> log = new ArrayList<>();
        Section a = new Steps(List.of(new Step("a1", log, false), new Step("a2", log, false)));
        Section b = new Steps(List.of(new Step("b1", log, false)));
        new Runner(settings(out), List.of(a, b), new PrintStream(new ByteArrayOutputStream())).run();
        assertEquals(List.of("a1 before [a2, b1]", "a2 before [b1]", "b1 before []", "closed"), log,
                "one shared object for the whole run, across sections, closed once");
    }

    @Test
    void whatRunsShareIsClosedWhenARunThrows(@TempDir Path out) {
        List<String> log = new ArrayList<>();
        Section s = new Steps(List.of(new Step("a1", log, false), new Step("a2", log, true), new Step("a3", log, false)));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Runner(settings(out), List.of(s), new PrintStream(new ByteArrayOutputStream())).run());
        assertEquals("a2 failed", e.getMessage());
        assertEquals("closed", log.get(log.size() - 1));
        assertTrue(log.stream().noneMatch(l -> l.startsWith("a3")), "nothing runs after the failure");
    }
}
