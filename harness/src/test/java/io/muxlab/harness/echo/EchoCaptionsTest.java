package io.muxlab.harness.echo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each computed caption says what its rows show, and the opposite when the rows show the opposite. */
class EchoCaptionsTest {
    static EchoRow row(String scenario, String server, int connections, int bytes, double offered, double msgs, double mbps,
            double cpu, double cores, double syscalls, Map<String, Long> calls) {
        return new EchoRow(scenario, server, "ours", connections, Math.min(10, connections), bytes, 1, offered, msgs, mbps,
                50, 90, 99, 999, 1000, cpu, cores, syscalls, calls, true, 0.5, 1, "Java 17", ConnectionMemory.NONE, 0,
                null, null);
    }

    private static EchoRow fixed(String server, double msgs, double cpu, double cores, double syscalls) {
        return row("fixed-rate", server, 100, 64, 30_000, msgs, 1, cpu, cores, syscalls, calls(1, 1, syscalls - 2));
    }

    /** Calls per message in the proportions given (read, write, epoll_wait), as a counted row holds them. */
    private static Map<String, Long> calls(double reads, double writes, double waits) {
        return Map.of("read", Math.round(reads * 1000), "write", Math.round(writes * 1000), "epoll_wait", Math.round(waits * 1000));
    }

    static List<Repeats.Point> points(EchoRow... runs) {
        return Repeats.points(List.of(runs));
    }

    @Test
    void theCpuCaptionClaimsLikeForLikeOnlyWhenEveryServerCarriedTheRateBelowACore() {
        String same = EchoCaptions.cpuAtFixedRate(points(fixed("epoll-et", 30_000, 8, 0.3, 2), fixed("poll", 29_900, 12, 0.5, 3)),
                30_000);
        assertTrue(same.startsWith("Every server carried"), same);
        assertTrue(same.contains("least CPU per echo: epoll-et (8.0 µs), most: poll (12.0 µs), the first below the second in its one run"),
                same);

        String saturated = EchoCaptions.cpuAtFixedRate(points(fixed("epoll-et", 30_000, 8, 0.3, 2),
                fixed("select", 30_000, 31, 0.95, 3), fixed("poll", 20_000, 40, 0.99, 3)), 30_000);
        assertFalse(saturated.contains("Every server carried"), saturated);
        assertTrue(saturated.contains("select used 0.95 of a core"), saturated);
        assertTrue(saturated.contains("poll carried only 20k msg/s"), saturated);
    }

    @Test
    void theCpuCaptionSaysInHowManyRepeatsTheOrderHeld() {
        // Medians: epoll-et 8, poll 12; in the second repeat poll was the cheaper.
        String c = EchoCaptions.cpuAtFixedRate(points(fixed("epoll-et", 30_000, 8, 0.3, 2), fixed("poll", 30_000, 12, 0.5, 3),
                fixed("epoll-et", 30_000, 14, 0.3, 2), fixed("poll", 30_000, 11, 0.5, 3),
                fixed("epoll-et", 30_000, 7, 0.3, 2), fixed("poll", 30_000, 13, 0.5, 3)), 30_000);
        assertTrue(c.contains("the first below the second in 2 of 3 repeats"), c);
    }

    @Test
    void levelVsEdgeSaysWhichMadeMoreCallsWhichCallAndOrThatNeitherDid() {
        String same = EchoCaptions.levelVsEdge(points(fixed("epoll-lt", 30_000, 8, 0.3, 2.96), fixed("epoll-et", 30_000, 8, 0.3, 2.93)));
        assertTrue(same.startsWith("Level- and edge-triggered epoll made about the same"), same);
        assertTrue(same.contains("epoll-et made 1.00 reads per echo, so its reads came back short"), same);
        EchoRow lt = row("fixed-rate", "epoll-lt", 100, 64, 30_000, 30_000, 1, 8, 0.3, 2.85, calls(1, 1, 0.85));
        EchoRow et = row("fixed-rate", "epoll-et", 100, 64, 30_000, 30_000, 1, 8, 0.3, 3.81, calls(1.96, 1, 0.85));
        String more = EchoCaptions.levelVsEdge(points(lt, et));
        assertTrue(more.startsWith("Edge-triggered epoll made more calls"), more);
        assertTrue(more.contains("more in its one run"), more);
        assertTrue(more.contains("most of the difference in read (1.96 against 1.00 per echo)"), more);
        String lvl = EchoCaptions.levelVsEdge(points(fixed("epoll-lt", 30_000, 8, 0.3, 3.9), fixed("epoll-et", 30_000, 8, 0.3, 2.9)));
        assertTrue(lvl.startsWith("Level-triggered epoll made more calls"), lvl);
        assertTrue(lvl.contains("most of the difference in epoll_wait"), lvl);
        assertTrue(EchoCaptions.levelVsEdge(points(fixed("epoll-lt", 30_000, 8, 0.3, 3))).contains("not both measured"));
    }

    private static EchoRow idle(String server, int n, double msgs) {
        return row("idle", server, n, 64, 0, msgs, 1, 10, 0.9, 2, Map.of());
    }

    @Test
    void theIdleCaptionReportsTheFallAndSaysWhenTheExpectedEffectIsMissing() {
        String expected = EchoCaptions.idleThroughput(points(idle("poll", 10, 80_000), idle("poll", 15_000, 2_000),
                idle("epoll-et", 10, 80_000), idle("epoll-et", 15_000, 88_000)));
        assertTrue(expected.contains("poll 80k → 2.0k msg/s from N = 10 to 15 000 (×40.0 fewer)"), expected);
        assertTrue(expected.contains("epoll-et 80k → 88k msg/s from N = 10 to 15 000 (×1.1 more)"), expected);
        assertTrue(expected.endsWith("the expected effect (in its one run)."), expected);
        String flat = EchoCaptions.idleThroughput(points(idle("poll", 10, 80_000), idle("poll", 15_000, 78_000),
                idle("epoll-et", 10, 80_000), idle("epoll-et", 15_000, 79_000)));
        assertTrue(flat.contains("This run does not show the expected effect"), flat);
        assertTrue(flat.contains("(about the same)"), flat);
    }

    @Test
    void theIdleCaptionDoesNotLetOneScanningServerSpeakForAnotherThatRose() {
        // A quick run's rows: select fell ×1.4, poll rose ×1.5, both epolls rose.
        String c = EchoCaptions.idleThroughput(points(idle("select", 10, 43_000), idle("select", 1_000, 31_000),
                idle("poll", 10, 29_000), idle("poll", 1_000, 44_000), idle("epoll-lt", 10, 86_000), idle("epoll-lt", 1_000, 147_000)));
        assertFalse(c.contains("The scanning servers fell further"), c);
        assertTrue(c.contains("poll did not"), c);
    }

    @Test
    void theIdleCaptionCountsTheRepeatsInWhichTheScanningServersFellFurther() {
        List<EchoRow> runs = new ArrayList<>();
        double[] pollAtMost = {2_000, 70_000, 2_500};
        for (double p : pollAtMost) {
            runs.addAll(List.of(idle("poll", 10, 80_000), idle("epoll-et", 10, 80_000), idle("poll", 15_000, p),
                    idle("epoll-et", 15_000, 79_000)));
        }
        String c = EchoCaptions.idleThroughput(Repeats.points(runs));
        assertTrue(c.endsWith("the expected effect (in 2 of 3 repeats)."), c);
    }

    private static EchoRow sized(String server, int bytes, double mbps, double cores, Map<String, Long> calls, double spm) {
        return row("size", server, 10, bytes, 0, 1000, mbps, 10, cores, spm, calls);
    }

    @Test
    void theSizeCaptionSaysConvergeOnlyWhenTheServersAreClose() {
        String s = EchoCaptions.sizeSpread(points(sized("select", 65_536, 383, 0.95, Map.of(), 2),
                sized("epoll-et", 65_536, 1505, 0.95, Map.of(), 2), sized("poll", 64, 5, 0.95, Map.of(), 2)));
        assertTrue(s.startsWith("The servers do not converge"), s);
        assertTrue(s.contains("at 64 KiB the servers echoed from 383 MB/s (select) to 1505 MB/s (epoll-et), ×3.9 apart."), s);
        String stalled = EchoCaptions.sizeSpread(points(sized("c-poll", 65_536, 14, 0.01, Map.of(), 2),
                sized("epoll-et", 65_536, 1505, 0.95, Map.of(), 2)));
        assertTrue(stalled.contains("c-poll used only 0.01 of a core and its client 0.50, so that run waited rather than worked"),
                stalled);
        String close = EchoCaptions.sizeSpread(points(sized("select", 65_536, 1400, 0.95, Map.of(), 2),
                sized("epoll-et", 65_536, 1505, 0.95, Map.of(), 2)));
        assertTrue(close.startsWith("The servers converge:"), close);
    }

    @Test
    void theExtraReadIsExplainedWhereEdgeTriggeredReadMoreAndDeniedWhereItDidNot() {
        int block = 16 * 1024;
        List<Repeats.Point> shows = points(sized("epoll-lt", 64, 7, 0.9, calls(1, 1, 0.35), 2.35),
                sized("epoll-et", 64, 7, 0.9, calls(1, 1, 0.56), 2.56),
                sized("epoll-lt", block, 1747, 0.9, calls(1, 1, 0.71), 2.71),
                sized("epoll-et", block, 1807, 0.9, calls(2, 1, 0.67), 3.67));
        String c = EchoCaptions.extraReads(shows, block);
        assertTrue(c.startsWith("Edge-triggered epoll made more reads per echo than level-triggered (epoll-et against epoll-lt) "
                + "at 16 KiB: 2.00 against 1.00 reads per echo, in its one run"), c);
        assertTrue(c.contains("a block of 16 KiB first, so a message that large fills the read"), c);
        assertTrue(c.contains("At the other sizes every read came back short and the two read alike (64 B: 1.00 against 1.00"), c);

        String alike = EchoCaptions.extraReads(points(sized("epoll-lt", block, 1747, 0.9, calls(1, 1, 0.71), 2.71),
                sized("epoll-et", block, 1807, 0.9, calls(1, 1, 0.67), 2.67)), block);
        assertTrue(alike.startsWith("Edge- and level-triggered epoll read alike at every size"), alike);
        assertTrue(alike.contains("this run does not show the extra read"), alike);
    }

    @Test
    void callsPerEchoAreEachRunsOwnNotOneRunsCountsOverTheMedianTotal() {
        List<Repeats.Point> p = points(sized("epoll-et", 16_384, 1800, 0.9, calls(2, 1, 1), 4),
                sized("epoll-et", 16_384, 1800, 0.9, calls(1, 1, 1), 3));
        // The median row keeps the second run's counts (1 read in 3 calls) beside the mean total, 3.5.
        assertTrue(Math.abs(EchoCaptions.perMessage(p.get(0), "read") - 1.5) < 1e-9);
    }

    @Test
    void theP99CaptionNamesTheLowestAndHighest() {
        EchoRow fast = new EchoRow("fixed-rate", "epoll-et", "ours", 100, 100, 64, 1, 30_000, 30_000, 1, 50, 90, 120, 999, 1000, 8,
                0.3, 2, Map.of(), true, 0.5, 1, "Java 17", ConnectionMemory.NONE, 0, null, null);
        EchoRow slow = new EchoRow("fixed-rate", "poll", "ours", 100, 100, 64, 1, 30_000, 30_000, 1, 50, 90, 900, 999, 1000, 8,
                0.3, 2, Map.of(), true, 0.5, 1, "Java 17", ConnectionMemory.NONE, 0, null, null);
        String c = EchoCaptions.p99Range(points(fast, slow));
        assertTrue(c.startsWith("p99 from 120 µs (epoll-et) to 900 µs (poll), the first below the second in its one run."), c);
    }
}
