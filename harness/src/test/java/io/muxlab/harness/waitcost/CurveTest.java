package io.muxlab.harness.waitcost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.muxlab.harness.bench.IdleWait;
import io.muxlab.harness.launch.Contender;
import io.muxlab.harness.section.PlannedRun;
import io.muxlab.harness.section.Settings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CurveTest {
    private static WaitCostRow poll(int n, double cpuNanos) {
        return WaitCostRow.measured(IdleWait.POLL, n, Map.of("descriptors", (double) n, "calls", 1000.0, "nanosPerCall", cpuNanos,
                "nanosMin", cpuNanos, "nanosMax", cpuNanos, "cpuNanosPerCall", cpuNanos));
    }

    @Test
    void aPointMeasuredInSeveralRoundsIsItsMedian() {
        Curve c = Curve.of(IdleWait.POLL, List.of(poll(10, 900), poll(1_000, 63_000), poll(10, 5_000), poll(1_000, 64_000),
                poll(10, 1_000), poll(1_000, 90_000)));
        assertEquals(List.of(10, 1_000), c.points().stream().map(WaitCostRow::n).toList(), "one point per N");
        assertEquals(1_000, c.at(10).cpuNanosPerCall(), "a disturbed round (5 µs) does not become the figure");
        assertEquals(64_000, c.at(1_000).cpuNanosPerCall());
        assertEquals(63_500, Curve.of(IdleWait.POLL, List.of(poll(1_000, 64_000), poll(1_000, 63_000))).at(1_000).cpuNanosPerCall(),
                "of two, their mean, as every median of the section is folded (WaitCostRepeats.medians)");
    }

    @Test
    void theSectionPlansItsRepeatsInRounds() {
        Settings s = new Settings(false, 1, 1_500_000_000L, List.<Contender>of(), 1, 1, 1, Path.of("out"), "docs", 1024, 3);
        List<String> labels = new WaitCostSection().plan(s).stream().map(PlannedRun::label).toList();
        int perRound = IdleWait.ALL.size() * WaitCostSection.N.size();
        assertEquals(3 * perRound, labels.size());
        assertEquals(IdleWait.ALL.get(0) + " wait N=10 #1", labels.get(0));
        assertEquals(IdleWait.ALL.get(1) + " wait N=10 #1", labels.get(1), "every backend at one N, then the next N");
        assertEquals(perRound, labels.indexOf(labels.stream().filter(l -> l.endsWith("#2")).findFirst().orElseThrow()),
                "round 2 begins when round 1 is done");
    }
}
