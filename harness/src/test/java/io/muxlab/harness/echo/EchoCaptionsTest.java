package io.muxlab.harness.echo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each computed caption says what its rows show, and the opposite when the rows show the opposite. */
class EchoCaptionsTest {
    private static EchoRow row(String scenario, String server, int connections, int bytes, double offered, double msgs,
            double mbps, double cpu, double cores, double syscalls) {
        return new EchoRow(scenario, server, "ours", connections, Math.min(10, connections), bytes, 1, offered, msgs, mbps,
                50, 90, 99, 999, 1000, cpu, cores, syscalls, Map.of(), true, 0.5, 1, "Java 17", ConnectionMemory.NONE, 0,
                null, null);
    }

    private static EchoRow fixed(String server, double msgs, double cpu, double cores, double syscalls) {
        return row("fixed-rate", server, 100, 64, 30_000, msgs, 1, cpu, cores, syscalls);
    }

    @Test
    void theCpuCaptionClaimsLikeForLikeOnlyWhenEveryServerCarriedTheRateBelowACore() {
        String same = EchoCaptions.cpuAtFixedRate(List.of(fixed("epoll-et", 30_000, 8, 0.3, 2), fixed("poll", 29_900, 12, 0.5, 3)), 30_000);
        assertTrue(same.startsWith("Every server carried"), same);
        assertTrue(same.contains("least CPU per echo: epoll-et (8.0 µs), most: poll (12.0 µs)"), same);

        String saturated = EchoCaptions.cpuAtFixedRate(List.of(fixed("epoll-et", 30_000, 8, 0.3, 2),
                fixed("select", 30_000, 31, 0.95, 3), fixed("poll", 20_000, 40, 0.99, 3)), 30_000);
        assertFalse(saturated.contains("Every server carried"), saturated);
        assertTrue(saturated.contains("select used 0.95 of a core"), saturated);
        assertTrue(saturated.contains("poll carried only 20k msg/s"), saturated);
    }

    @Test
    void levelVsEdgeSaysWhichMadeMoreCallsOrThatNeitherDid() {
        String same = EchoCaptions.levelVsEdge(List.of(fixed("epoll-lt", 30_000, 8, 0.3, 2.96), fixed("epoll-et", 30_000, 8, 0.3, 2.93)));
        assertTrue(same.startsWith("Level- and edge-triggered epoll made about the same"), same);
        String et = EchoCaptions.levelVsEdge(List.of(fixed("epoll-lt", 30_000, 8, 0.3, 2.85), fixed("epoll-et", 30_000, 8, 0.3, 3.81)));
        assertTrue(et.startsWith("Edge-triggered epoll made more calls"), et);
        String lt = EchoCaptions.levelVsEdge(List.of(fixed("epoll-lt", 30_000, 8, 0.3, 3.9), fixed("epoll-et", 30_000, 8, 0.3, 2.9)));
        assertTrue(lt.startsWith("Level-triggered epoll made more calls"), lt);
        assertTrue(EchoCaptions.levelVsEdge(List.of(fixed("epoll-lt", 30_000, 8, 0.3, 3))).contains("not both measured"));
    }

    private static EchoRow idle(String server, int n, double msgs) {
        return row("idle", server, n, 64, 0, msgs, 1, 10, 0.9, 2);
    }

    @Test
    void theIdleCaptionReportsTheFallAndSaysWhenTheExpectedEffectIsMissing() {
        String expected = EchoCaptions.idleThroughput(List.of(idle("poll", 10, 80_000), idle("poll", 15_000, 2_000),
                idle("epoll-et", 10, 80_000), idle("epoll-et", 15_000, 75_000)));
        assertTrue(expected.contains("poll 80k → 2.0k msg/s from N = 10 to 15000"), expected);
        assertTrue(expected.endsWith("the expected effect."), expected);
        String flat = EchoCaptions.idleThroughput(List.of(idle("poll", 10, 80_000), idle("poll", 15_000, 78_000),
                idle("epoll-et", 10, 80_000), idle("epoll-et", 15_000, 79_000)));
        assertTrue(flat.contains("This run does not show the expected effect"), flat);
    }

    @Test
    void theSizeCaptionSaysConvergeOnlyWhenTheServersAreClose() {
        List<EchoRow> apart = List.of(row("size", "select", 10, 65_536, 0, 1000, 383, 10, 0.9, 2),
                row("size", "epoll-et", 10, 65_536, 0, 1000, 1505, 10, 0.9, 2), row("size", "poll", 10, 64, 0, 1000, 5, 10, 0.9, 2));
        String s = EchoCaptions.sizeSpread(apart);
        assertTrue(s.startsWith("The servers do not converge"), s);
        assertTrue(s.contains("383 MB/s (select) to 1505 MB/s (epoll-et)"), s);
        String close = EchoCaptions.sizeSpread(List.of(row("size", "select", 10, 65_536, 0, 1000, 1400, 10, 0.9, 2),
                row("size", "epoll-et", 10, 65_536, 0, 1000, 1505, 10, 0.9, 2)));
        assertTrue(close.contains("converge:"), close);
    }
}
