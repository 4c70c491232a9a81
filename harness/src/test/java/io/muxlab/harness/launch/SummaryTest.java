package io.muxlab.harness.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.muxlab.core.cli.EchoSummary;
import io.muxlab.core.cli.ResultLine;
import io.muxlab.core.echo.EchoStats;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryTest {
    @Test
    void readsTheTotalAndEachSyscallFromCoresSummaryLine() {
        String line = EchoSummary.line("epoll-et",
                new EchoStats(3, 0, 3, 100, 100, 5, 5, Map.of("epoll_wait", 40L, "read", 41L, "write", 42L)));
        Summary s = Summary.of(ResultLine.parse(EchoSummary.PREFIX, line));
        assertEquals(123, s.syscalls());
        assertEquals(Map.of("epoll_wait", 40L, "read", 41L, "write", 42L), s.perSyscall());
    }

    @Test
    void aPeerThatCountsNoSyscallsHasNone() {
        String line = EchoSummary.line("jdk-nio", new EchoStats(1, 0, 1, 1, 1, 1, 1, Map.of()));
        assertFalse(Summary.of(ResultLine.parse(EchoSummary.PREFIX, line)).counted());
        assertFalse(Summary.of(null).counted());
    }

    @Test
    void theWindowIsTheCallsMadeBetweenTwoAnswers() {
        Summary start = Summary.of(ResultLine.parse(EchoSummary.COUNTERS_PREFIX, EchoSummary.countersLine("poll",
                new EchoStats(1000, 0, 0, 0, 0, 0, 0, Map.of("accept4", 1000L, "setsockopt", 1000L, "poll", 10L)))));
        Summary end = Summary.of(ResultLine.parse(EchoSummary.COUNTERS_PREFIX, EchoSummary.countersLine("poll",
                new EchoStats(1000, 0, 0, 0, 0, 0, 0, Map.of("accept4", 1000L, "setsockopt", 1000L, "poll", 60L, "read", 50L)))));
        Summary window = end.since(start);
        assertEquals(100, window.syscalls(), "set-up before the window is not charged to it");
        assertEquals(Map.of("poll", 50L, "read", 50L), window.perSyscall());
        assertFalse(end.since(Summary.NONE).counted());
    }
}
