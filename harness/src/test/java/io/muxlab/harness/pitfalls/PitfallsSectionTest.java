package io.muxlab.harness.pitfalls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.core.echo.Pitfall;
import io.muxlab.harness.launch.Contender;
import io.muxlab.harness.section.PlannedRun;
import io.muxlab.harness.section.Row;
import io.muxlab.harness.section.Settings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The plan pairs every pitfall with its correct twin on the server it needs; the table says symptom, figures and fix. */
class PitfallsSectionTest {
    private static Contender contender(String name) {
        return new Contender(name, Contender.Kind.OURS, List.of("java", "-cp", "x.jar", "Main", "--port", "0"), true, true, 0, "Java 17", null);
    }

    private static Settings settings(List<Contender> contenders) {
        return new Settings(true, 1, 1, contenders, 1, 1, 1, Path.of("out"), "../docs", 1024, 1);
    }

    @Test
    void everyPitfallRunsTwiceOnTheServerItNeeds() {
        List<PlannedRun> plan = new PitfallsSection().plan(settings(List.of(contender("epoll-lt"), contender("epoll-et"))));
        assertEquals(10, plan.size());
        assertEquals(List.of("epoll-lt (correct)", "epoll-lt --pitfall busy-poll"), List.of(plan.get(0).label(), plan.get(1).label()));
        assertTrue(plan.stream().anyMatch(r -> r.label().equals("epoll-et --pitfall single-read")));
        assertEquals(4, new PitfallsSection().plan(settings(List.of(contender("epoll-et")))).size(), "the edge-triggered two only");
    }

    @Test
    void theTableShowsTheSymptomBothFiguresAndTheFix() {
        List<Row> rows = List.of(
                new PitfallRow("busy-poll", "epoll-lt (correct)", false, "idle CPU", 0.01, "0.01 cores", false, 0, null),
                new PitfallRow("busy-poll", "epoll-lt --pitfall busy-poll", true, "idle CPU", 0.98, "0.98 cores", false, 0, null));
        String html = new PitfallsSection().render(rows, null, settings(List.of()));
        assertTrue(html.contains("<td>0.01 cores</td><td>0.98 cores</td>"), html);
        assertTrue(html.contains(Pitfall.BUSY_POLL.symptom()) && html.contains(Pitfall.BUSY_POLL.fix()), html);
        assertTrue(html.contains("../docs/pitfalls.html"), html);
        assertTrue(html.contains(">shown: ×98 the correct server's</td>"), html);
        assertTrue(html.contains("1 of 1 mistakes showed their symptom in this run"), html);
    }

    private static PitfallRow run(String pitfall, boolean wrong, double value, boolean hung) {
        return new PitfallRow(pitfall, wrong ? "with" : "correct", wrong, "m", value, "v", hung, 0, null);
    }

    @Test
    void aSymptomShowsOnlyWhenTheMistakeIsClearlyWorseThanTheCorrectServer() {
        assertEquals(Optional.of(true), PitfallsSection.shows(Pitfall.SINGLE_READ, run("single-read", false, 3, false),
                run("single-read", true, Double.NaN, true)));
        assertEquals(Optional.of(false), PitfallsSection.shows(Pitfall.SINGLE_READ, run("single-read", false, 3, false),
                run("single-read", true, 3.2, false)), "it did not hang this time");
        assertEquals(Optional.of(false), PitfallsSection.shows(Pitfall.BUSY_POLL, run("busy-poll", false, 0, false),
                run("busy-poll", true, 0.02, false)), "a 10 ms tick is not a core burnt");
        assertEquals(Optional.of(false), PitfallsSection.shows(Pitfall.UNBOUNDED, run("unbounded", false, 100, false),
                run("unbounded", true, 300, false)));
        assertEquals(Optional.empty(), PitfallsSection.shows(Pitfall.IGNORE_RDHUP, run("ignore-rdhup", false, 1, true),
                run("ignore-rdhup", true, 1, true)), "the correct server hung too");
        List<Row> rows = List.of(run("busy-poll", false, 0.01, false), run("busy-poll", true, 0.02, false));
        String html = new PitfallsSection().render(rows, null, settings(List.of()));
        assertTrue(html.contains(">not shown in this run</td>"), html);
        assertTrue(html.contains("0 of 1 mistakes showed their symptom in this run"), html);
    }
}
