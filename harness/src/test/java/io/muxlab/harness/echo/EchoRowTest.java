package io.muxlab.harness.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.harness.format.JsonWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EchoRowTest {
    private static EchoRow row(double offered, double achieved, double clientCores) {
        return new EchoRow("fixed-rate", "epoll-et", "ours", 100, 100, 64, 1, offered, achieved, 1.0, 50, 90, 99, 999,
                1000, 12.5, 0.4, 2.5, Map.of("epoll_wait", 10L), true, clientCores, 1, "Java 17", ConnectionMemory.NONE, 0, null, null);
    }

    @Test
    void aBusyClientIsTheLimitInClosedLoopOrWhenTheOfferedRateWasNotCarried() {
        assertTrue(row(0, 50_000, 0.97).clientBound());
        assertFalse(row(0, 50_000, 0.5).clientBound());
        assertFalse(row(30_000, 29_900, 0.99).clientBound(), "an open loop that carried its rate polls, so it is busy");
        assertTrue(row(30_000, 20_000, 0.99).clientBound());
    }

    @Test
    void writesTheFieldsTheSchemaPromises() {
        JsonWriter json = new JsonWriter().beginArray();
        row(30_000, 29_900, 0.5).writeJson(json);
        String s = json.endArray().toString();
        for (String field : new String[] {"scenario", "server", "connections", "active", "messageBytes", "messagesPerSecond",
            "p50Micros", "p99Micros", "p999Micros", "maxMicros", "serverCpuMicrosPerMessage", "errors", "syscallsPerMessage",
            "clientCpuCores"}) {
            assertTrue(s.contains("\"" + field + "\":"), field);
        }
        assertTrue(s.contains("\"syscalls\":{\"epoll_wait\":10}"), s);
    }

    @Test
    void aSkippedRunSaysWhyInsteadOfShowingFigures() {
        double nan = Double.NaN;
        EchoRow skipped = new EchoRow("idle", "select", "ours", 5000, 10, 64, 1, 0, nan, nan, nan, nan, nan, nan, nan, nan,
                nan, nan, Map.of(), false, nan, 1, "Java 17", ConnectionMemory.NONE, 0, "not run: select watches only descriptors below 1024 (FD_SETSIZE)", null);
        assertFalse(skipped.measured());
        assertEquals("not run: select watches only descriptors below 1024 (FD_SETSIZE)", skipped.figures());
    }

    @Test
    void syscallsPerWaitCountsTheWholeTripRoundTheLoopAndAWholeLifeFigureSaysSo() {
        EchoRow r = new EchoRow("fixed-rate", "poll", "ours", 100, 100, 64, 1, 0, 1000, 1.0, 50, 90, 99, 999, 1000, 12.5,
                0.4, 3.0, Map.of("poll", 10L, "read", 20L, "write", 20L), false, 0.5, 1, "Java 17", ConnectionMemory.NONE,
                0, null, null);
        assertEquals(5.0, r.syscallsPerWait(), 1e-9);
        assertEquals("3.00\n(whole life)", r.syscallsPerMessageText());
        assertEquals("2.50", row(0, 1000, 0.5).syscallsPerMessageText());
        assertTrue(Double.isNaN(new EchoRow("fixed-rate", "jdk-nio", "peer", 100, 100, 64, 1, 0, 1000, 1.0, 50, 90, 99, 999,
                1000, 12.5, 0.4, Double.NaN, Map.of(), false, 0.5, 1, "Java 17", ConnectionMemory.NONE, 0, null, null)
                .syscallsPerWait()));
    }
}
