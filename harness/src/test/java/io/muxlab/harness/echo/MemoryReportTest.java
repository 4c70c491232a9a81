package io.muxlab.harness.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.harness.launch.Contender;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The memory caption says what the rows say, whichever server they make the lean one. */
class MemoryReportTest {
    private static final List<Contender> CONTENDERS = List.of(contender("epoll-et"), contender("blocking"), contender("jdk-nio"));

    @Test
    void perIdleConnectionIsTheDifferenceOfTwoSamplesOverTheIdleOnes() {
        ConnectionMemory m = new ConnectionMemory(990, 50_000_000, 60_000_000, 0, 99_000);
        assertEquals(10_000_000 / 990.0, m.rssPerIdleConnection(), 1e-9);
        assertEquals(100, m.socketBytesPerIdleConnection(), 1e-9);
        assertTrue(Double.isNaN(new ConnectionMemory(0, 1, 1, 1, 1).rssPerIdleConnection()), "no idle connections");
        assertTrue(Double.isNaN(new ConnectionMemory(990, 1, 1, -1, 5).socketBytesPerIdleConnection()), "not sampled");
    }

    @Test
    void takesEachServersLargestMeasuredNAndNamesTheLeastAndTheMost() {
        // Contrary to what one would expect, so a caption written in advance would be caught out.
        List<EchoRow> rows = List.of(
                row("epoll-et", 1000, 40_000), row("epoll-et", 15000, 50_000),
                row("blocking", 1000, 300), row("blocking", 15000, 200),
                row("jdk-nio", 15000, 1_000));
        List<EchoRow> largest = MemoryReport.largestPerServer(CONTENDERS, rows);
        assertEquals(List.of(15000, 15000, 15000), largest.stream().map(EchoRow::connections).toList());
        String caption = MemoryReport.caption(largest);
        assertTrue(caption.contains("Least per idle connection: blocking, 200 B at N = 15000"), caption);
        assertTrue(caption.contains("most: epoll-et, 48.8 KiB at N = 15000"), caption);
        assertTrue(caption.contains("socket buffers: 10 B per idle connection"), caption);
    }

    @Test
    void withNothingMeasuredTheCaptionComparesNothing() {
        List<EchoRow> unmeasured = List.of(row("epoll-et", 10, Double.NaN));
        String caption = MemoryReport.caption(MemoryReport.largestPerServer(CONTENDERS, unmeasured));
        assertTrue(caption.contains("nothing is compared"), caption);
        assertFalse(caption.contains("Least"), caption);
        assertEquals("", MemoryReport.table(List.of(row("epoll-et", 10, 0))), "no idle connections, no memory rows");
    }

    /** A measured idle row whose idle connections cost {@code perIdle} bytes of RSS and 10 bytes of socket buffers each. */
    private static EchoRow row(String server, int connections, double perIdle) {
        int idle = connections - IdleSection.ACTIVE;
        long base = 100_000_000;
        ConnectionMemory m = Double.isNaN(perIdle) ? ConnectionMemory.NONE
                : new ConnectionMemory(idle, base, base + (long) (perIdle * idle), 0, 10L * idle);
        return new EchoRow("idle", server, "ours", connections, IdleSection.ACTIVE, 64, 1, 0, 1000, 1, 50, 90, 99, 999, 1000,
                5, 0.5, Double.NaN, Map.of(), true, 0.5, 1, "Java 17", m, 0, null, null);
    }

    private static Contender contender(String name) {
        return new Contender(name, Contender.Kind.OURS, List.of("true"), true, true, 0, "Java 17", null);
    }
}
