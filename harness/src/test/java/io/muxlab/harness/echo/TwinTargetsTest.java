package io.muxlab.harness.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.harness.section.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ours against the C twins: met on the medians and in every repeat, met in k of n, missed, or not measured. */
class TwinTargetsTest {
    private static EchoRow run(String scenario, String server, int n, double cpu) {
        return new EchoRow(scenario, server, "ours", n, Math.min(10, n), 64, 1, scenario.equals("fixed-rate") ? 30_000 : 0, 30_000, 1,
                50, 90, 99, 999, 1000, cpu, 0.5, 2, Map.of(), true, 0.5, 1, "Java 17", ConnectionMemory.NONE, 0, null, null);
    }

    @Test
    void eachPairIsJudgedOnTheMediansAndRepeatByRepeat() {
        List<EchoRow> rows = new ArrayList<>();
        double[] select = {10, 12, 10.5};
        for (double s : select) {
            rows.addAll(List.of(run("fixed-rate", "select", 100, s), run("fixed-rate", "c-select", 100, 10),
                    run("fixed-rate", "epoll-lt", 100, 13), run("fixed-rate", "c-epoll", 100, 10)));
        }
        List<TwinTargets.Judged> judged = TwinTargets.fixedRate(Repeats.points(rows));
        TwinTargets.Judged sel = judged.get(0);
        assertEquals("met", sel.medians(), "the median 10.5 is ×1.05");
        assertEquals("met in 2 of 3", sel.repeats().verdict(), "12 against 10 is ×1.2");
        TwinTargets.Judged epoll = judged.get(2);
        assertEquals("missed", epoll.medians());
        assertEquals("missed", epoll.repeats().verdict());
        assertEquals("not measured", judged.get(1).medians(), "no poll rows");
        String table = TwinTargets.table(judged);
        assertTrue(table.contains("<td>select vs c-select</td><td>30k msg/s</td><td>10.50 vs 10.00 µs</td><td>×1.05</td>"
                + "<td>×1.00, ×1.20, ×1.05</td><td>met</td><td>met in 2 of 3</td>"), table);
        assertTrue(table.contains("<td>poll vs c-poll</td><td>–</td><td>not both measured</td>"), table);
    }

    @Test
    void idleIsJudgedAtTheLargestNBothReached() {
        List<EchoRow> rows = List.of(run("idle", "select", 10, 7), run("idle", "c-select", 10, 7), run("idle", "select", 1000, 31),
                run("idle", "c-select", 1000, 23), run("idle", "poll", 15_000, 800), run("idle", "c-poll", 5000, 100));
        List<TwinTargets.Judged> judged = TwinTargets.idle(Repeats.points(rows));
        assertEquals("N = 1 000", judged.get(0).where());
        assertEquals("missed", judged.get(0).medians());
        assertEquals("not measured", judged.get(1).medians(), "poll and its twin share no N");
    }

    @Test
    void theHeadlineLineJudgesBothScenariosFromEveryRow() {
        List<Row> rows = List.of(run("fixed-rate", "epoll-lt", 100, 11), run("fixed-rate", "c-epoll", 100, 10),
                run("idle", "epoll-lt", 15_000, 6.2), run("idle", "c-epoll", 15_000, 6.6));
        String line = new FixedRateSection().targets(rows).orElseThrow();
        assertTrue(line.contains("at the fixed offered load select not measured, poll not measured, epoll-lt ×1.10 met; idle, at "
                + "the largest N, select not measured, poll not measured, epoll-lt ×0.94 at N = 15 000 met."), line);
        String none = new FixedRateSection().targets(List.of()).orElseThrow();
        assertTrue(none.contains("at the fixed offered load not measured (the section or the twins did not run); idle"), none);
    }
}
