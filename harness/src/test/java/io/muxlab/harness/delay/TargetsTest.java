package io.muxlab.harness.delay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TargetsTest {
    private static final long TICK = 10;

    private static DelayRow row(WorkloadSpec spec, WorkloadResult r) {
        return DelayRow.of(spec, TICK, r);
    }

    private static List<Targets.Status> statuses(List<DelayRow> rows) {
        return Targets.evaluate(rows, TICK).stream().map(Targets.Target::status).toList();
    }

    @Test
    void eachTargetIsHeldAgainstItsOwnRow() {
        List<DelayRow> rows = List.of(
                row(WorkloadSpec.enqueue(DelayServer.BATCH, 8, 1, 0, 1, 1),
                        WorkloadResult.throughput(DelayServer.BATCH, 1, 0, 50_000, 1, 900)),
                row(WorkloadSpec.enqueue(DelayServer.BATCH, 256, 1, 0, 1, 1),
                        WorkloadResult.throughput(DelayServer.BATCH, 1, 0, 150_000, 1, 900)),
                row(WorkloadSpec.enqueue(DelayServer.NEVER, 256, 1, 0, 1, 1),
                        WorkloadResult.throughput(DelayServer.NEVER, 1, 0, 90_000, 1, 0)),
                row(WorkloadSpec.recovery(DelayServer.BATCH, 1_000_000), WorkloadResult.recovery(DelayServer.BATCH, 3200, 60)),
                row(WorkloadSpec.lateness(DelayServer.BATCH, 1000, 100, 100),
                        WorkloadResult.lateness(DelayServer.BATCH, 100, 5000, 19_999, 25_000)),
                row(WorkloadSpec.lateness(DelayServer.NEVER, 1000, 100, 100),
                        WorkloadResult.lateness(DelayServer.NEVER, 100, 5000, 20_000, 25_000)),
                row(WorkloadSpec.lateness(DelayServer.JDK_DELAY_QUEUE, 1000, 100, 100),
                        WorkloadResult.lateness(DelayServer.JDK_DELAY_QUEUE, 100, 90, 500_000, 600_000)));
        // batch blocking from 256 producers (met), async and the batched line (absent), recovery (missed), heap (met), then
        // each lateness row.
        assertEquals(List.of(Targets.Status.MET, Targets.Status.NOT_MEASURED, Targets.Status.NOT_MEASURED, Targets.Status.MISSED,
                Targets.Status.MET,
                Targets.Status.MET, Targets.Status.MISSED), statuses(rows));
    }

    @Test
    void theTargetJudgesOneTaskPerCallAndShowsTheBatchedFigureBesideIt() {
        List<DelayRow> rows = List.of(
                row(WorkloadSpec.enqueue(DelayServer.BATCH, 256, 1, 0, 1, 1),
                        WorkloadResult.throughput(DelayServer.BATCH, 1, 0, 70_000, 1, 300)),
                row(WorkloadSpec.enqueue(DelayServer.BATCH, 8, 100, 0, 1, 1),
                        WorkloadResult.throughput(DelayServer.BATCH, 100, 0, 900_000, 1, 1000)));
        List<Targets.Target> targets = Targets.evaluate(rows, TICK);
        assertEquals(Targets.Status.MISSED, targets.get(0).status(), "the single-call row, not the faster batched one");
        assertTrue(targets.get(0).figure().contains("256 producers"), targets.get(0).figure());
        assertEquals("batch, 100 tasks per delayAll call", targets.get(2).goal());
        assertEquals(Targets.Status.NOT_JUDGED, targets.get(2).status());
        assertTrue(targets.get(2).figure().contains("900k") && targets.get(2).figure().contains("8 producers"),
                targets.get(2).figure());
    }

    @Test
    void theAsyncTargetIsHeldAgainstTheAsyncRowAndTheBlockingOneAgainst256Producers() {
        List<DelayRow> rows = List.of(
                row(WorkloadSpec.enqueue(DelayServer.BATCH, 8, 1, 0, 1, 1),
                        WorkloadResult.throughput(DelayServer.BATCH, 1, 0, 500_000, 1, 900)),
                row(WorkloadSpec.enqueueAsync(DelayServer.BATCH, 8, 1000, 0, 1, 1),
                        WorkloadResult.throughput(DelayServer.BATCH, 1, 1000, 150_000, 1, 300)));
        List<Targets.Target> targets = Targets.evaluate(rows, TICK);
        assertEquals(Targets.Status.NOT_MEASURED, targets.get(0).status(), "8 blocking producers are not the 256 the target names");
        assertEquals(Targets.Status.MISSED, targets.get(1).status(), "150k async is under 200k");
        assertTrue(targets.get(1).figure().contains("1 000 futures in flight"), targets.get(1).figure());
        List<DelayRow> fast = List.of(row(WorkloadSpec.enqueueAsync(DelayServer.BATCH, 8, 1000, 0, 1, 1),
                WorkloadResult.throughput(DelayServer.BATCH, 1, 1000, 250_000, 1, 300)));
        assertEquals(Targets.Status.MET, Targets.evaluate(fast, TICK).get(1).status());
    }

    @Test
    void aSmallerOrFailedRunIsNotMeasuredNeverMet() {
        List<DelayRow> rows = List.of(
                DelayRow.failed(WorkloadSpec.enqueue(DelayServer.BATCH, 256, 1, 0, 1, 1), TICK, "killed"),
                row(WorkloadSpec.recovery(DelayServer.BATCH, 10_000), WorkloadResult.recovery(DelayServer.BATCH, 80, 100)));
        assertEquals(List.of(Targets.Status.NOT_MEASURED, Targets.Status.NOT_MEASURED, Targets.Status.NOT_MEASURED,
                Targets.Status.NOT_MEASURED, Targets.Status.NOT_MEASURED, Targets.Status.NOT_MEASURED), statuses(rows));
    }
}
