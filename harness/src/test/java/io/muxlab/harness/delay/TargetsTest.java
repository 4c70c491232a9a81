package io.muxlab.harness.delay;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
                row(WorkloadSpec.enqueue(DelayServer.BATCH, 8, 0, 1, 1), WorkloadResult.throughput(DelayServer.BATCH, 50_000, 1, 900)),
                row(WorkloadSpec.enqueue(DelayServer.BATCH, 256, 0, 1, 1),
                        WorkloadResult.throughput(DelayServer.BATCH, 150_000, 1, 900)),
                row(WorkloadSpec.enqueue(DelayServer.NEVER, 256, 0, 1, 1),
                        WorkloadResult.throughput(DelayServer.NEVER, 90_000, 1, 0)),
                row(WorkloadSpec.recovery(DelayServer.BATCH, 1_000_000), WorkloadResult.recovery(DelayServer.BATCH, 3200, 110)),
                row(WorkloadSpec.lateness(DelayServer.BATCH, 1000, 100, 100),
                        WorkloadResult.lateness(DelayServer.BATCH, 100, 5000, 19_999, 25_000)),
                row(WorkloadSpec.lateness(DelayServer.NEVER, 1000, 100, 100),
                        WorkloadResult.lateness(DelayServer.NEVER, 100, 5000, 20_000, 25_000)),
                row(WorkloadSpec.lateness(DelayServer.JDK_DELAY_QUEUE, 1000, 100, 100),
                        WorkloadResult.lateness(DelayServer.JDK_DELAY_QUEUE, 100, 90, 500_000, 600_000)));
        // batch at its most producers (met), recovery (missed), heap (met), then each lateness row of ours.
        assertEquals(List.of(Targets.Status.MET, Targets.Status.MISSED, Targets.Status.MET, Targets.Status.MET,
                Targets.Status.MISSED), statuses(rows));
    }

    @Test
    void aSmallerOrFailedRunIsNotMeasuredNeverMet() {
        List<DelayRow> rows = List.of(
                DelayRow.failed(WorkloadSpec.enqueue(DelayServer.BATCH, 256, 0, 1, 1), TICK, "killed"),
                row(WorkloadSpec.recovery(DelayServer.BATCH, 10_000), WorkloadResult.recovery(DelayServer.BATCH, 80, 100)));
        assertEquals(List.of(Targets.Status.NOT_MEASURED, Targets.Status.NOT_MEASURED, Targets.Status.NOT_MEASURED,
                Targets.Status.NOT_MEASURED), statuses(rows));
    }
}
