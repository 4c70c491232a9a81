package io.muxlab.harness.delay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WorkloadResultTest {
    @Test
    void readsTheLineAChildPrints() {
        WorkloadResult r = WorkloadResult.parse(
                "delay-queue-result measure=enqueue server=batch tasksPerCall=100 tasks=412345 seconds=1.5012 "
                        + "opsPerSecond=274677.6 fsyncs=1893");
        assertEquals(Measure.ENQUEUE, r.measure());
        assertEquals(DelayServer.BATCH, r.server());
        assertEquals(100, r.tasksPerCall());
        assertEquals(412345, r.tasks());
        assertEquals(1.5012, r.seconds());
        assertEquals(274677.6, r.opsPerSecond());
        assertEquals(1893, r.fsyncs());
        assertTrue(Double.isNaN(r.p99Micros()), "figures the line leaves out are NaN");
        assertTrue(Double.isNaN(r.recoveryMillis()));
    }

    @Test
    void everyMeasureSurvivesTheRoundTrip() {
        for (WorkloadResult r : new WorkloadResult[] {
            WorkloadResult.throughput(DelayServer.SCHEDULED_EXECUTOR, 1, 0, 1_000_000, 0.5, Double.NaN),
            WorkloadResult.throughput(DelayServer.BATCH, 100, 0, 412_300, 1.25, 1893),
            WorkloadResult.throughput(DelayServer.BATCH, 1, 1000, 512_300, 1.25, 2000),
            WorkloadResult.lateness(DelayServer.NEVER, 2000, 5123, 10_450, 19_999),
            WorkloadResult.recovery(DelayServer.BATCH, 812.5, 112.25),
            WorkloadResult.recovery(DelayServer.JDK_DELAY_QUEUE, Double.NaN, 45.875)}) {
            assertEquals(r, WorkloadResult.parse(r.line()), r.line());
        }
    }

    @Test
    void referencesWithDotsAndCapitalsAreServerNames() {
        assertEquals(DelayServer.JDK_DELAY_QUEUE,
                WorkloadResult.parse("delay-queue-result measure=recovery server=j.u.c.DelayQueue heapBytesPerTask=45.9").server());
    }

    @Test
    void aLineThatIsNotAResultSaysWhy() {
        assertMessage("not a result line", "listening on 127.0.0.1:5000");
        assertMessage("without measure= and server=", "delay-queue-result tasks=5");
        assertMessage("is not a number", "delay-queue-result measure=enqueue server=batch tasks=many");
        assertMessage("is not a number", "delay-queue-result measure=enqueue server=batch tasks=NaN");
        assertMessage("not a positive whole number", "delay-queue-result measure=enqueue server=batch tasksPerCall=2.5");
        assertMessage("not a positive whole number", "delay-queue-result measure=enqueue server=batch tasksPerCall=0");
        assertMessage("not a positive whole number", "delay-queue-result measure=enqueue server=batch inFlight=0");
        assertMessage("unknown key(s) [speed]", "delay-queue-result measure=enqueue server=batch speed=3");
        assertMessage("is not a new key=value", "delay-queue-result measure=enqueue server=batch tasks=1 tasks=2");
        assertMessage("unknown server 'kafka'", "delay-queue-result measure=enqueue server=kafka");
        assertMessage("unknown measure 'speed'", "delay-queue-result measure=speed server=batch");
    }

    private static void assertMessage(String part, String line) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WorkloadResult.parse(line));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
