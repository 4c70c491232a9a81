package io.muxlab.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.core.echo.EchoStats;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultLineTest {
    @Test
    void whatAChildPrintsTheHarnessReadsBack() {
        String line = ResultLine.builder("timer-result").count("timers", 10_000).number("p50Micros", 41.25)
                .number("p99Micros", 1803.5).number("seconds", 1.50123456).number("notMade", Double.NaN).build().format();
        assertEquals("timer-result timers=10000 p50Micros=41.25 p99Micros=1803.5 seconds=1.5012", line);

        Map<String, Double> read = ResultLine.parse("timer-result", line).numbers();
        assertEquals(List.of("timers", "p50Micros", "p99Micros", "seconds"), List.copyOf(read.keySet()));
        assertEquals(10_000.0, read.get("timers"));
        assertEquals(41.25, read.get("p50Micros"));
        assertEquals(1803.5, read.get("p99Micros"));
    }

    @Test
    void otherOutputAroundTheLineIsIgnoredAndTheLastLineCounts() {
        ResultLine read = ResultLine.last("timer-result", List.of("a warning from a library", "timer-result opsPerSecond=1.5",
                "timer-result opsPerSecond=2.5", "timer-results are not this")).orElseThrow();
        assertEquals(Map.of("opsPerSecond", 2.5), read.numbers());
        assertTrue(ResultLine.last("timer-result", List.of("started", "")).isEmpty());
    }

    @Test
    void aGarbledLineIsAClearError() {
        assertMessage("'p99Micros=fast' is not a number",
                () -> ResultLine.parse("timer-result", "timer-result timers=1000 p99Micros=fast").numbers());
        assertMessage("is not a number", () -> ResultLine.parse("r", "r tasks=NaN").number("tasks"));
        assertMessage("is not a whole number", () -> ResultLine.parse("r", "r tasks=2.5").count("tasks"));
        assertMessage("is not a new key=value", () -> ResultLine.parse("timer-result", "timer-result timers"));
        assertMessage("is not a new key=value", () -> ResultLine.parse("timer-result", "timer-result =3"));
        assertMessage("is not a new key=value", () -> ResultLine.parse("r", "r tasks=1 tasks=2"));
        assertMessage("without server=", () -> ResultLine.parse("r", "r tasks=1").text("server"));
        assertMessage("not a result line", () -> ResultLine.parse("r", "listening on 127.0.0.1:5000"));
        assertMessage("only one [...] group, at the end", () -> ResultLine.parse("r", "r [a=1] b=2"));
        assertMessage("cannot go into a result line", () -> ResultLine.builder("r").text("server", "two words"));
    }

    @Test
    void theEchoSummaryKeepsItsDocumentedTextAndReadsBack() {
        String line = EchoSummary.line("epoll-et",
                new EchoStats(3, 0, 3, 100, 100, 5, 5, Map.of("write", 42L, "epoll_wait", 40L, "read", 41L)));
        assertEquals("summary: server=epoll-et connections=3 refused=0 closed=3 bytes_read=100 bytes_written=100 "
                + "reads=5 writes=5 syscalls=123 [epoll_wait=40 read=41 write=42]", line);
        ResultLine read = ResultLine.parse(EchoSummary.PREFIX, line);
        assertEquals(123, read.count("syscalls"));
        assertEquals(List.of("epoll_wait", "read", "write"), List.copyOf(read.groupCounts().keySet()));
        assertEquals(Map.of("epoll_wait", 40L, "read", 41L, "write", 42L), read.groupCounts());
        assertEquals("summary: server=jdk-nio connections=1 refused=0 closed=1 bytes_read=1 bytes_written=1 reads=1 "
                + "writes=1 syscalls=0", EchoSummary.line("jdk-nio", new EchoStats(1, 0, 1, 1, 1, 1, 1, Map.of())));
    }

    private static void assertMessage(String part, Runnable parse) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, parse::run);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
