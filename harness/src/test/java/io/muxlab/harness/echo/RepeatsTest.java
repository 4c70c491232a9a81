package io.muxlab.harness.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.harness.launch.Contender;
import io.muxlab.harness.launch.MemorySample;
import io.muxlab.harness.section.PlannedRun;
import io.muxlab.harness.section.Settings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RepeatsTest {
    private static EchoRow run(String server, double msgs, double cpu, double serverCores, double clientCores) {
        return new EchoRow("connections", server, "ours", 100, 100, 64, 1, 0, msgs, 1.0, 50, 90, 99, 999, 1000, cpu,
                serverCores, 2.0, Map.of("epoll_wait", 10L), true, clientCores, 1, "Java 17", ConnectionMemory.NONE, 0, null, null);
    }

    private static EchoRow failed(String server) {
        double nan = Double.NaN;
        return new EchoRow("connections", server, "ours", 100, 100, 64, 1, 0, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan,
                Map.of(), false, nan, 1, "Java 17", ConnectionMemory.NONE, 1, null, "the server did not stop");
    }

    @Test
    void eachPointIsTheMedianOfItsRunsWithTheirRange() {
        List<Repeats.Point> points = Repeats.points(List.of(run("poll", 90_000, 9, 0.95, 0.6), run("epoll-et", 100_000, 8, 0.95, 0.6),
                run("poll", 30_000, 30, 0.95, 0.6), run("epoll-et", 110_000, 7, 0.95, 0.6),
                run("poll", 80_000, 10, 0.95, 0.6), failed("epoll-et")));
        assertEquals(2, points.size());
        Repeats.Point poll = points.get(0);
        assertEquals(80_000, poll.median().messagesPerSecond(), "one disturbed run does not move the median far");
        assertEquals(10, poll.median().serverCpuMicrosPerMessage());
        assertEquals(new Repeats.Range(30_000, 90_000), poll.messages());
        assertEquals(3, poll.measured());
        assertNull(poll.failure());
        Repeats.Point et = points.get(1);
        assertEquals(105_000, et.median().messagesPerSecond(), "two runs: the mean of the middle two");
        assertEquals(2, et.measured());
        assertEquals("the server did not stop", et.failure());
        assertTrue(EchoReport.table(points).contains("2 of 3"));
    }

    @Test
    void aRunWhereNeitherSideWasBusyIsDisturbedButAPingPongIsNot() {
        assertTrue(run("poll", 30_000, 30, 0.4, 0.5).disturbed());
        assertFalse(run("poll", 90_000, 9, 0.95, 0.6).disturbed(), "the server was saturated");
        assertFalse(run("poll", 90_000, 9, 0.4, 0.95).disturbed(), "the client was: client-bound, not disturbed");
        EchoRow pingPong = new EchoRow("connections", "poll", "ours", 1, 1, 64, 1, 0, 30_000, 1.0, 50, 90, 99, 999, 1000, 12,
                0.4, 2.0, Map.of(), true, 0.5, 1, "Java 17", ConnectionMemory.NONE, 0, null, null);
        assertFalse(pingPong.disturbed());
        List<Repeats.Point> points = Repeats.points(List.of(run("poll", 30_000, 30, 0.4, 0.5), run("poll", 90_000, 9, 0.95, 0.6),
                run("poll", 80_000, 10, 0.95, 0.6)));
        assertTrue(EchoReport.table(points).contains("disturbed in 1 of 3"));
    }

    @Test
    void repeatsAreInterleavedAcrossServersInRotatedRounds() {
        Contender a = new Contender("poll", Contender.Kind.OURS, List.of("java"), true, true, 0, "Java 17", null);
        Contender b = new Contender("epoll-et", Contender.Kind.OURS, List.of("java"), true, true, 0, "Java 17", null);
        Settings s = new Settings(false, 1, 1, List.of(a, b), 1, 10_000, 1, Path.of("out"), "docs", 1024, 3);
        List<String> labels = new FixedRateSection().plan(s).stream().map(PlannedRun::label).toList();
        assertEquals(List.of("poll rate=10k/s conns=100 #1", "epoll-et rate=10k/s conns=100 #1", "poll rate=10k/s conns=100 #2",
                "epoll-et rate=10k/s conns=100 #2", "epoll-et rate=10k/s conns=100 #3", "poll rate=10k/s conns=100 #3"), labels);
    }

    @Test
    void aPointsMemoryIsTheFreshProcesssWhicheverRunIsTheMedian() {
        ConnectionMemory fresh = new ConnectionMemory(990, 50_000_000, 60_000_000, 0, 990_000);
        ConnectionMemory warm = ConnectionMemory.warm(new MemorySample(70_000_000, -1));
        EchoRow first = withMemory(run("poll", 90_000, 9, 0.95, 0.6), fresh);
        Repeats.Point p = Repeats.points(List.of(first, withMemory(run("poll", 80_000, 10, 0.95, 0.6), warm),
                withMemory(run("poll", 70_000, 11, 0.95, 0.6), warm))).get(0);
        assertEquals(80_000, p.median().messagesPerSecond());
        assertEquals(fresh, p.median().memory());
        assertTrue(Double.isNaN(warm.rssPerIdleConnection()), "a warm server's window gives no figure per idle connection");
    }

    @Test
    void pointsAreShownByTheirSizeWhateverOrderTheyRanIn() {
        EchoRow big = new EchoRow("idle", "poll", "ours", 15_000, 10, 64, 1, 0, 1_000, 1.0, 50, 90, 99, 999, 1000, 800,
                0.95, 2.0, Map.of(), true, 0.5, 1, "Java 17", ConnectionMemory.NONE, 0, null, null);
        EchoRow small = new EchoRow("idle", "poll", "ours", 10, 10, 64, 1, 0, 100_000, 1.0, 50, 90, 99, 999, 1000, 8,
                0.95, 2.0, Map.of(), true, 0.5, 1, "Java 17", ConnectionMemory.NONE, 0, null, null);
        assertEquals(List.of(10, 15_000), Repeats.points(List.of(big, small)).stream().map(p -> p.median().connections()).toList());
    }

    private static EchoRow withMemory(EchoRow r, ConnectionMemory m) {
        return new EchoRow(r.scenario(), r.server(), r.kind(), r.connections(), r.active(), r.messageBytes(), r.depth(),
                r.offeredRate(), r.messagesPerSecond(), r.megabytesPerSecond(), r.p50Micros(), r.p90Micros(), r.p99Micros(),
                r.p999Micros(), r.maxMicros(), r.serverCpuMicrosPerMessage(), r.serverCores(), r.syscallsPerMessage(),
                r.syscalls(), r.syscallsInWindow(), r.clientCores(), r.clientThreads(), r.jvm(), m, 0, null, null);
    }
}
