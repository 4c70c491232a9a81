package io.muxlab.harness.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.core.sys.FdSet;
import io.muxlab.harness.launch.Contender;
import io.muxlab.harness.section.PlannedRun;
import io.muxlab.harness.section.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the echo sections plan their windows on warm servers, and what the plan says it costs. */
class EchoPlanTest {
    private static final Contender SELECT = new Contender("select", Contender.Kind.OURS, List.of("java"), true, true,
            FdSet.FD_SETSIZE, "Java 17", null);
    private static final Contender EPOLL = new Contender("epoll-et", Contender.Kind.OURS, List.of("java"), true, true, 0,
            "Java 17", null);

    private static Settings settings(int repeats) {
        return new Settings(false, 1_500_000_000L, 1_500_000_000L, List.of(SELECT, EPOLL), 1, 30_000, 1, Path.of("out"), "docs",
                20_000, repeats);
    }

    @Test
    void theIdleSectionGoesFromTheLargestNDownAndItsFirstRoundAtEachServersLargestNIsAFreshProcess() {
        List<String> labels = new IdleSection().plan(settings(2)).stream().map(PlannedRun::label).toList();
        assertEquals(20, labels.size(), "five points, two servers, two rounds");
        assertEquals("select descriptors=15000 active=10 #1", labels.get(0), "not run: beyond FD_SETSIZE, so not fresh");
        assertEquals("epoll-et descriptors=15000 active=10 #1 (fresh process)", labels.get(1));
        assertEquals("select descriptors=1000 active=10 #1 (fresh process)", labels.get(4), "select's largest N");
        assertEquals(2, labels.stream().filter(l -> l.endsWith("(fresh process)")).count());
        assertTrue(labels.subList(10, 20).stream().allMatch(l -> l.endsWith("#2")), "round 2 after round 1");
    }

    @Test
    void theEstimateChargesEachServerOneStartAndOneLongWarmUpAndNothingForWhatIsNotRun() {
        Settings s = settings(3);
        List<PlannedRun> all = new ArrayList<>(new IdleSection().plan(s));
        all.addAll(new FixedRateSection().plan(s));
        long window = s.echoWindowNanos() + EchoRun.WINDOW_NANOS;
        long first = EchoRun.START_NANOS + s.firstWarmupNanos();
        assertEquals(500_000_000L, s.echoWindowNanos(), "--duration shared by the three repeats");
        assertEquals(0, all.get(0).expectedNanos(s, List.of()), "select at 15 000: not run, costs nothing");
        assertEquals(first + window + 15_000 * EchoRun.CONNECTION_NANOS, all.get(1).expectedNanos(s, all.subList(0, 1)));
        int fixedRate = all.size() - 6;
        assertEquals(s.settleNanos() + window + 100 * EchoRun.CONNECTION_NANOS,
                all.get(fixedRate).expectedNanos(s, all.subList(0, fixedRate)), "a later window on the warm server");
    }
}
