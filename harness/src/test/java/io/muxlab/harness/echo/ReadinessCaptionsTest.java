package io.muxlab.harness.echo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each caption of the readiness-vs-completion section against rows that go its way and rows that
 * contradict it: the figures are the rows', and the "why" follows whichever way they went.
 */
class ReadinessCaptionsTest {
    @Test
    void syscallsSayUringMakesFewerOnlyWhenItDoes() {
        List<EchoRow> uringFewer = List.of(closed("epoll-lt", 100, 2.9, 50_000), closed("epoll-et", 100, 2.4, 50_000),
                closed("uring-poll", 100, 2.1, 50_000), closed("uring", 100, 0.4, 50_000), closed("uring", 1, 1.1, 9_000),
                closed("epoll-et", 1, 2.0, 10_000));
        String c = ReadinessCaptions.syscalls(Repeats.points(uringFewer));
        assertTrue(c.contains("At 100 connections uring made 0.40 syscalls per echo, epoll-et 2.40 and uring-poll 2.10"), c);
        assertTrue(c.contains("uring makes fewer"), c);
        assertTrue(c.contains("uring-poll batches only the readiness and still reads and writes"), c);

        List<EchoRow> uringMore = List.of(closed("epoll-et", 100, 2.4, 50_000), closed("epoll-lt", 100, 2.2, 50_000),
                closed("uring", 100, 3.0, 50_000));
        String d = ReadinessCaptions.syscalls(Repeats.points(uringMore));
        assertTrue(d.contains("uring made 3.00 syscalls per echo, epoll-lt 2.20"), "the better epoll: " + d);
        assertTrue(d.contains("uring makes no fewer here"), d);
        assertFalse(d.contains("makes fewer"), d);
        assertFalse(d.contains("uring-poll"), "not measured, not named: " + d);
    }

    @Test
    void eachComparisonSaysInHowManyRepeatsItHeld() {
        List<EchoRow> runs = List.of(closed("epoll-et", 100, 2.4, 50_000), closed("uring", 100, 0.4, 50_000),
                closed("epoll-et", 100, 2.4, 50_000), closed("uring", 100, 2.6, 50_000),
                closed("epoll-et", 100, 2.4, 50_000), closed("uring", 100, 0.5, 50_000));
        String c = ReadinessCaptions.syscalls(Repeats.points(runs));
        assertTrue(c.contains("At 100 connections uring made 0.50 syscalls per echo, epoll-et 2.40 (uring below epoll-et in 2 of 3 "
                + "repeats)."), c);
    }

    @Test
    void cpuComparesWithTheLeanerEpollAndNamesNettysTransports() {
        List<EchoRow> uringLeaner = List.of(fixed("epoll-et", 6.0), fixed("epoll-lt", 6.5), fixed("uring", 4.5),
                fixed("netty-io_uring", 7.0), fixed("netty-epoll", 8.0));
        String c = ReadinessCaptions.cpu(Repeats.points(uringLeaner), 30_000);
        assertTrue(c.contains("uring spent 4.50 µs of server CPU per echo, 0.75× epoll-et's 6.00"), c);
        assertTrue(c.contains("netty-io_uring 7.00, netty-epoll 8.00"), c);
        assertTrue(c.contains("Every syscall saved"), c);

        List<EchoRow> uringCostlier = List.of(fixed("epoll-et", 6.0), fixed("epoll-lt", 5.0), fixed("uring", 5.5));
        String d = ReadinessCaptions.cpu(Repeats.points(uringCostlier), 30_000);
        assertTrue(d.contains("1.10× epoll-lt's 5.00"), d);
        assertTrue(d.contains("did not buy CPU"), d);
        assertFalse(d.contains("Every syscall saved"), d);

        String tie = ReadinessCaptions.cpu(Repeats.points(List.of(fixed("epoll-et", 6.0), fixed("uring", 5.8))), 30_000);
        assertTrue(tie.contains("The two are within 5%"), "a 3% lead is within a run's noise: " + tie);
        assertFalse(tie.contains("Every syscall saved") || tie.contains("did not buy CPU"), tie);
    }

    @Test
    void throughputSaysWhoLeadsAndWhenTheClientSetThePace() {
        List<EchoRow> uringLeads = List.of(closed("epoll-lt", 1000, 2.5, 90_000), closed("uring", 1000, 0.3, 120_000),
                closed("epoll-lt", 1, 2.5, 12_000), closed("uring", 1, 1.0, 10_000));
        String c = ReadinessCaptions.throughput(Repeats.points(uringLeads));
        assertTrue(c.contains("At 1000 connections uring turned around 120k echoes per second, epoll-lt 90k; at 1, 10k "
                + "against epoll-lt's 12k"), c);
        assertTrue(c.contains("uring leads where many connections share a turn"), c);
        assertTrue(c.contains("with one connection there is nothing to batch"), c);

        List<EchoRow> epollLeads = List.of(closed("epoll-lt", 1000, 2.5, 130_000), closed("uring", 1000, 0.3, 120_000));
        String d = ReadinessCaptions.throughput(Repeats.points(epollLeads));
        assertTrue(d.contains("epoll-lt leads here"), d);
        assertFalse(d.contains("uring leads"), d);

        List<EchoRow> tied = List.of(closed("epoll-lt", 1000, 2.5, 100_000), closed("uring", 1000, 0.3, 103_000),
                closed("epoll-lt", 1, 2.5, 27_100), closed("uring", 1, 1.0, 26_900));
        String t = ReadinessCaptions.throughput(Repeats.points(tied));
        assertTrue(t.contains("The two are within 5% there"), t);
        assertFalse(t.contains("leads") || t.contains("nothing to batch"), t);
        String oneConnectionTie = ReadinessCaptions.throughput(Repeats.points(List.of(closed("epoll-lt", 1000, 2.5, 90_000),
                closed("uring", 1000, 0.3, 120_000), closed("epoll-lt", 1, 2.5, 27_100), closed("uring", 1, 1.0, 26_900))));
        assertTrue(oneConnectionTie.contains("uring leads"), oneConnectionTie);
        assertFalse(oneConnectionTie.contains("nothing to batch"), "27.1k against 26.9k is no loss: " + oneConnectionTie);

        List<EchoRow> clientBound = List.of(busyClient("epoll-lt", 130_000), busyClient("uring", 131_000));
        String e = ReadinessCaptions.throughput(Repeats.points(clientBound));
        assertTrue(e.contains("2 of the 2 runs at 1000 connections kept the load client busy"), e);
        assertFalse(e.contains("leads"), e);
    }

    @Test
    void withoutUringMeasuredNothingIsComparedAndItsNoteSaysWhy() {
        List<EchoRow> refused = List.of(closed("epoll-et", 100, 2.4, 50_000), notRun("uring",
                "not run: io_uring unavailable (io_uring_setup failed: EPERM (Operation not permitted): …)"));
        for (String c : List.of(ReadinessCaptions.syscalls(Repeats.points(refused)), ReadinessCaptions.throughput(Repeats.points(refused)),
                ReadinessCaptions.cpu(Repeats.points(refused), 30_000))) {
            assertTrue(c.contains("uring and epoll were not both measured"), c);
            assertTrue(c.contains("(uring: not run: io_uring unavailable (io_uring_setup failed: EPERM"), c);
            assertFalse(c.contains("fewer"), c);
        }
    }

    private static EchoRow closed(String server, int active, double syscallsPerMessage, double messagesPerSecond) {
        return row("connections", server, active, 0, messagesPerSecond, 5, syscallsPerMessage, 0.5);
    }

    private static EchoRow fixed(String server, double cpuMicros) {
        return row("fixed-rate", server, FixedRateSection.CONNECTIONS, 30_000, 30_000, cpuMicros, Double.NaN, 0.5);
    }

    private static EchoRow busyClient(String server, double messagesPerSecond) {
        return row("connections", server, 1000, 0, messagesPerSecond, 5, 1, 0.99);
    }

    private static EchoRow row(String scenario, String server, int active, double rate, double messagesPerSecond,
            double cpuMicros, double syscallsPerMessage, double clientCores) {
        return new EchoRow(scenario, server, "ours", active, active, 64, 1, rate, messagesPerSecond, 1, 50, 90, 99, 999, 1000,
                cpuMicros, 0.5, syscallsPerMessage, Map.of(), true, clientCores, 1, "Java 17", ConnectionMemory.NONE, 0, null, null);
    }

    private static EchoRow notRun(String server, String note) {
        double nan = Double.NaN;
        return new EchoRow("connections", server, "ours", 100, 100, 64, 1, 0, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan,
                Map.of(), false, nan, 1, "Java 17", ConnectionMemory.NONE, 0, note, null);
    }
}
