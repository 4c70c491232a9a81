package io.muxlab.harness.delay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.harness.measure.Lateness;
import io.muxlab.harness.measure.Spread;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadResultTest {
    @Test
    void readsTheLineAChildPrints() {
        WorkloadResult r = WorkloadResult.parse(
                "delay-queue-result measure=enqueue server=batch tasksPerCall=100 tasks.1=412345 tasks.2=400000 seconds.1=1.5012 "
                        + "seconds.2=1.5 opsPerSecond.1=274677.6 opsPerSecond.2=266666.7 fsyncs.1=1893 fsyncs.2=1800");
        assertEquals(Measure.ENQUEUE, r.measure());
        assertEquals(DelayServer.BATCH, r.server());
        assertEquals(100, r.tasksPerCall());
        assertEquals(Spread.of(412345, 400000), r.figure("tasks"));
        assertEquals(1.5006, r.figure("seconds").median(), 1e-9);
        assertEquals(274677.6, r.figure("opsPerSecond").max());
        assertEquals(2, r.figure("fsyncs").count());
        assertEquals(0, r.figure("p99Micros").count(), "figures the line leaves out are absent");
        assertEquals(1893, WorkloadResult.parse("delay-queue-result measure=enqueue server=batch fsyncs=1893").figure("fsyncs")
                .median(), "a figure without a repeat number is one repeat");
    }

    @Test
    void everyMeasureSurvivesTheRoundTrip() {
        for (WorkloadResult r : new WorkloadResult[] {
            WorkloadResult.throughput(DelayServer.SCHEDULED_EXECUTOR, 1, 0, List.of(new Producers.Window(1_000_000, 0.5, 0))),
            WorkloadResult.throughput(DelayServer.BATCH, 100, 0, List.of(new Producers.Window(412_300, 1.25, 1893),
                    new Producers.Window(400_000, 1.25, 1700), new Producers.Window(420_000, 1.25, 1900))),
            WorkloadResult.throughput(DelayServer.BATCH, 1, 1000, List.of(new Producers.Window(512_300, 1.25, 2000))),
            WorkloadResult.lateness(DelayServer.NEVER, List.of(new Lateness(700, 5123, 10_450, 19_999), new Lateness(700, 5000, 9_000,
                    12_000))),
            WorkloadResult.recovery(DelayServer.BATCH, new double[] {812.5, 700, 790}, new double[] {112.25, 112, 113}),
            WorkloadResult.recovery(DelayServer.JDK_DELAY_QUEUE, new double[] {Double.NaN}, new double[] {45.875})}) {
            assertEquals(r, WorkloadResult.parse(r.line()), r.line());
        }
        assertEquals(0, WorkloadResult.throughput(DelayServer.JDK_DELAY_QUEUE, 1, 0, List.of(new Producers.Window(5, 1, 0)))
                .figure("fsyncs").count(), "a reference has no fsyncs to report");
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
        assertMessage("unknown key(s) [tasks.x]", "delay-queue-result measure=enqueue server=batch tasks.x=3");
        assertMessage("is not a new key=value", "delay-queue-result measure=enqueue server=batch tasks=1 tasks=2");
        assertMessage("unknown server 'kafka'", "delay-queue-result measure=enqueue server=kafka");
        assertMessage("unknown measure 'speed'", "delay-queue-result measure=speed server=batch");
    }

    private static void assertMessage(String part, String line) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WorkloadResult.parse(line));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
