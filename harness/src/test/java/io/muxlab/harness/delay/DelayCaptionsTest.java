package io.muxlab.harness.delay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.muxlab.harness.measure.Lateness;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each computed sentence of the delay-queue captions, against rows that support it and rows that contradict it. */
class DelayCaptionsTest {
    private static final long TICK = 10;

    @Test
    void latenessNearAFullTickIsNotCalledHalfATick() {
        // The shape of an earlier full run: a median near a full 10 ms tick.
        List<DelayRow> fullTick = List.of(late(DelayServer.BATCH, 1_000, 9_031, 13_271), late(DelayServer.NEVER, 1_000, 8_519, 13_391));
        assertEquals("Measured: batch at 1 000 pending p50 0.90, p99 1.33 ticks; never at 1 000 pending p50 0.85, p99 1.34 ticks — "
                + "medians later than half a tick for batch at 1 000, never at 1 000: beyond the wheel's rounding, the wait for the "
                + "ticker and a free worker. batch's median against never's, which skips the fsync: 1 000 pending: 512 µs later. ",
                DelayCaptions.latenessInTicks(fullTick, TICK));
        List<DelayRow> half = List.of(late(DelayServer.BATCH, 1_000, 5_200, 9_900), late(DelayServer.NEVER, 1_000, 5_400, 9_800),
                late(DelayServer.JDK_DELAY_QUEUE, 1_000, 110, 237));
        assertEquals("Measured: batch at 1 000 pending p50 0.52, p99 0.99 ticks; never at 1 000 pending p50 0.54, p99 0.98 ticks — "
                + "every median near half a tick, as the wheel's rounding alone predicts. batch's median against never's, which "
                + "skips the fsync: 1 000 pending: not later (200 µs earlier). ", DelayCaptions.latenessInTicks(half, TICK));
        assertEquals("", DelayCaptions.latenessInTicks(List.of(late(DelayServer.JDK_DELAY_QUEUE, 1_000, 110, 237)), TICK),
                "the references are not ours to judge in ticks");
    }

    @Test
    void groupCommitGrowthAndTheCeilingAreWhatTheRowsSay() {
        List<DelayRow> grew = List.of(put(DelayServer.BATCH, 8, 1, 0, 24_000, 6.2), put(DelayServer.BATCH, 256, 1, 0, 123_000, 229),
                put(DelayServer.JDK_DELAY_QUEUE, 8, 1, 0, 8.19e6, 0), put(DelayServer.NEVER, 8, 1, 0, 394_000, 0));
        assertEquals("Here batch grew 5.1× with the producers (24k/s with 8 producers, 123k/s with 256). ",
                DelayCaptions.batchGrowth(grew));
        assertEquals("The in-memory queues are the ceiling here: the slowest in-memory row j.u.c.DelayQueue 8.19M/s (8 producers), "
                + "our fastest never 394k/s (8 producers). ", DelayCaptions.ceiling(grew));
        List<DelayRow> flat = List.of(put(DelayServer.BATCH, 8, 1, 0, 100_000, 6), put(DelayServer.BATCH, 256, 1, 0, 110_000, 200),
                put(DelayServer.SCHEDULED_EXECUTOR, 8, 1, 0, 50_000, 0));
        assertEquals("This run does not show batch growing with the producers (100k/s with 8 producers, 110k/s with 256). ",
                DelayCaptions.batchGrowth(flat));
        assertEquals("This run does not show the in-memory queues above every one of ours: the slowest in-memory row "
                + "ScheduledThreadPoolExecutor 50k/s (8 producers), our fastest batch 110k/s (256 producers). ",
                DelayCaptions.ceiling(flat));
    }

    @Test
    void aBatchedOrAsyncCallIsAheadOnlyWhenItsRowIs() {
        List<DelayRow> ahead = List.of(put(DelayServer.BATCH, 256, 1, 0, 86_000, 238), put(DelayServer.BATCH, 8, 100, 0, 685_000, 617),
                put(DelayServer.BATCH, 8, 1, 1000, 1.2e6, 5452));
        assertEquals("Here batch with 8 producers × 100 tasks/call 685k/s (617 per fsync), 256 producers one task at a time 86k/s "
                + "(238 per fsync): 8.0× as many. ", DelayCaptions.batchedVersusSingle(ahead));
        assertEquals("Here 8 async producers 1.20M/s (5455 per fsync), 256 blocking ones 86k/s (238 per fsync): 14.0× as many. ",
                DelayCaptions.asyncVersusBlocking(ahead));
        List<DelayRow> behind = List.of(put(DelayServer.BATCH, 256, 1, 0, 150_000, 238), put(DelayServer.BATCH, 8, 1, 1000, 140_000, 900));
        assertEquals("This run does not show 8 async producers ahead: 8 async producers 140k/s (897 per fsync), 256 blocking ones "
                + "150k/s (238 per fsync). ", DelayCaptions.asyncVersusBlocking(behind));
    }

    @Test
    void recoveryGrowthAndHeapComeFromTheRecoveryRows() {
        List<DelayRow> rows = List.of(recovery(DelayServer.BATCH, 100_000, 107, 125), recovery(DelayServer.BATCH, 1_000_000, 422, 96),
                recovery(DelayServer.JDK_DELAY_QUEUE, 1_000_000, Double.NaN, 45));
        assertEquals("Here 107 ms for 100 000, 422 ms for 1 000 000. ", DelayCaptions.recoveryGrowth(rows));
        assertEquals("Measured per task: batch 96 B, j.u.c.DelayQueue 45 B. ", DelayCaptions.heap(rows));
        List<DelayRow> flat = List.of(recovery(DelayServer.BATCH, 100_000, 400, 125), recovery(DelayServer.BATCH, 1_000_000, 420, 96));
        assertEquals("This run does not show recovery growing with the pending tasks: 400 ms for 100 000, 420 ms for 1 000 000. ",
                DelayCaptions.recoveryGrowth(flat));
    }

    private static DelayRow late(DelayServer server, int pending, double p50, double p99) {
        return DelayRow.of(WorkloadSpec.lateness(server, pending, 700, 700), TICK,
                WorkloadResult.lateness(server, List.of(new Lateness(700, p50, p99, p99 * 1.2))));
    }

    /** An enqueue row of one repeat of one second: {@code rate} tasks, {@code rate / perFsync} fsyncs. */
    private static DelayRow put(DelayServer server, int producers, int tasksPerCall, int inFlight, double rate, double perFsync) {
        WorkloadSpec spec = inFlight > 0 ? WorkloadSpec.enqueueAsync(server, producers, inFlight, 0, 1, 1)
                : WorkloadSpec.enqueue(server, producers, tasksPerCall, 0, 1, 1);
        long fsyncs = perFsync == 0 ? 0 : Math.round(rate / perFsync);
        return DelayRow.of(spec, TICK, WorkloadResult.throughput(server, tasksPerCall, inFlight,
                List.of(new Producers.Window((long) rate, 1, fsyncs))));
    }

    private static DelayRow recovery(DelayServer server, int pending, double millis, double heap) {
        return DelayRow.of(WorkloadSpec.recovery(server, pending), TICK,
                WorkloadResult.recovery(server, new double[] {millis}, new double[] {heap}));
    }
}
