package io.muxlab.harness.waitcost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.harness.bench.IdleWait;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wait-cost targets are held in each repeat; the chart and captions use each point's median. */
class WaitCostTargetsTest {
    private static WaitCostRow row(String backend, int n, double cpu) {
        return WaitCostRow.measured(backend, n, Map.of("descriptors", (double) n, "calls", 1000.0, "nanosPerCall", cpu,
                "nanosMin", cpu, "nanosMax", cpu * 2, "cpuNanosPerCall", cpu));
    }

    /** One repeat: poll and select growing {@code growth} times from 10 to 1 000, epoll_wait spreading {@code flat} times. */
    private static List<WaitCostRow> repeat(double growth, double flat) {
        List<WaitCostRow> out = new ArrayList<>();
        for (int n : WaitCostSection.N) {
            out.add(row(IdleWait.POLL, n, n == 10 ? 500 : n == 100 ? 500 * growth / 10 : 500 * growth * n / 1000));
            if (n < 10_000) {
                out.add(row(IdleWait.SELECT, n, n == 10 ? 600 : 600 * growth * n / 1000));
            }
            out.add(row(IdleWait.EPOLL, n, n == 1_000 ? 270 * flat : 270));
        }
        return out;
    }

    @Test
    void metInEveryRepeatInSomeOrInNone() {
        List<WaitCostRow> rows = new ArrayList<>(repeat(120, 1.1));
        rows.addAll(repeat(90, 1.2));
        rows.addAll(repeat(150, 1.3));
        List<WaitCostTargets.Target> t = WaitCostTargets.evaluate(rows);
        assertEquals("met in 2 of 3", t.get(0).held().verdict(), "poll grew ×90 in the second");
        assertEquals(120, t.get(0).median(), 1e-9, "the medians' growth");
        assertEquals("met", t.get(2).held().verdict(), "epoll_wait within ×1.5 in all three");
        String table = WaitCostTargets.table(t);
        assertTrue(table.contains("grows ≥ ×100 from N = 10 to 1 000</td><td>×120</td><td>×120, ×90, ×150</td><td>met in 2 of 3</td>"),
                table);
        String line = WaitCostTargets.line(t);
        assertTrue(line.contains("epoll_wait within ×1.5 across N = 10, 100, 1 000, 10 000 (highest ÷ lowest): ×1.2, met"), line);
    }

    @Test
    void aGrowingEpollOrAShallowPollMissesAndAMissingPointIsNotMeasured() {
        List<WaitCostRow> rows = repeat(45, 3);
        List<WaitCostRow> noSelect = rows.stream().filter(r -> !r.server().equals(IdleWait.SELECT)).toList();
        List<WaitCostTargets.Target> t = WaitCostTargets.evaluate(noSelect);
        assertEquals("missed", t.get(0).held().verdict());
        assertEquals("not measured", t.get(1).held().verdict());
        assertEquals("missed", t.get(2).held().verdict());
        assertTrue(WaitCostTargets.line(t).contains("select grows ≥ ×100 from N = 10 to 1 000: not measured"));
    }

    @Test
    void repeatsAreSplitByOccurrenceAndFoldedIntoMedians() {
        List<WaitCostRow> rows = List.of(row(IdleWait.POLL, 10, 100), row(IdleWait.EPOLL, 10, 300), row(IdleWait.POLL, 10, 400),
                row(IdleWait.POLL, 10, 200));
        assertEquals(3, WaitCostRepeats.repeats(rows));
        assertEquals(List.of(2, 1, 1), WaitCostRepeats.split(rows).stream().map(List::size).toList());
        WaitCostRow poll = WaitCostRepeats.medians(rows).get(0);
        assertEquals(200, poll.cpuNanosPerCall());
        assertEquals(100, poll.nanosMin());
        assertEquals(800, poll.nanosMax());
    }
}
