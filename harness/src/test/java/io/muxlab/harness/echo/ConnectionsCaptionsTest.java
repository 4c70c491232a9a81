package io.muxlab.harness.echo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The connections captions state the spread and the p99 trend, and deny the scan's cost when epoll's p99 is no lower. */
class ConnectionsCaptionsTest {
    private static EchoRow run(String server, int n, double msgs, double p99, double clientCores) {
        return new EchoRow("connections", server, "ours", n, n, 64, 1, 0, msgs, 1, 50, 90, p99, 999, 1000, 8, 0.95, 2, Map.of(),
                true, clientCores, 1, "Java 17", ConnectionMemory.NONE, 0, null, null);
    }

    @Test
    void throughputGivesTheSlowestAndFastestAtEachNAndCountsClientBoundRuns() {
        String c = ConnectionsCaptions.throughput(Repeats.points(List.of(run("poll", 1, 14_000, 100, 0.4),
                run("epoll-et", 1, 13_000, 110, 0.4), run("poll", 1000, 134_000, 16_500, 0.99), run("epoll-et", 1000, 100_000, 19_300, 0.99))));
        assertTrue(c.contains("at 1, 13k (epoll-et) to 14k (poll), ×1.1 apart; at 1 000, 100k (epoll-et) to 134k (poll), ×1.3 "
                + "apart, 2 of 2 runs client-bound."), c);
        assertTrue(c.contains("the client may have set the pace"), c);
        String free = ConnectionsCaptions.throughput(Repeats.points(List.of(run("poll", 1, 14_000, 100, 0.4))));
        assertTrue(!free.contains("client-bound") && !free.contains("set the pace"), free);
    }

    @Test
    void theScanShowsInP99OnlyWhenSelectAndPollAreClearlyHigherThanEpoll() {
        List<EchoRow> paid = List.of(run("select", 1, 10_000, 100, 0.4), run("poll", 1, 10_000, 100, 0.4),
                run("epoll-lt", 1, 10_000, 100, 0.4), run("select", 1000, 90_000, 30_000, 0.9),
                run("poll", 1000, 90_000, 28_000, 0.9), run("epoll-lt", 1000, 90_000, 17_000, 0.9));
        String c = ConnectionsCaptions.p99(Repeats.points(paid));
        assertTrue(c.startsWith("p99 rose from 1 to 1 000 connections for 3 of 3 servers"), c);
        assertTrue(c.contains("At 1 000 connections the scanning servers had the higher p99 (select 30.0 ms, poll 28.0 ms against "
                + "epoll-lt 17.0 ms, in its one run)"), c);

        List<EchoRow> notPaid = new ArrayList<>(paid.subList(0, 3));
        notPaid.addAll(List.of(run("select", 1000, 90_000, 19_000, 0.9), run("poll", 1000, 90_000, 16_500, 0.9),
                run("epoll-lt", 1000, 90_000, 17_500, 0.9)));
        String d = ConnectionsCaptions.p99(Repeats.points(notPaid));
        assertTrue(d.contains("This run does not show select and poll paying for their scan at 1 000 connections (select 19.0 ms, "
                + "poll 16.5 ms against epoll-lt 17.5 ms; both higher by ×1.1 in 0 of 1 run)"), d);
    }
}
