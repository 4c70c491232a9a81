package io.muxlab.harness.delay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.harness.format.Fmt;
import io.muxlab.harness.measure.Lateness;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetsTest {
    private static final long TICK = 10;

    /** An enqueue row whose repeats ran at {@code rates} tasks a second, 900 fsyncs each. */
    private static DelayRow enqueue(WorkloadSpec spec, double... rates) {
        List<Producers.Window> windows = Arrays.stream(rates).mapToObj(r -> new Producers.Window((long) r, 1, 900)).toList();
        return DelayRow.of(spec, TICK, WorkloadResult.throughput(spec.server(), spec.tasksPerCall(), spec.inFlight(), windows));
    }

    private static DelayRow late(DelayServer server, double... p99Micros) {
        List<Lateness> rounds = Arrays.stream(p99Micros).mapToObj(p -> new Lateness(100, 5000, p, p * 1.2)).toList();
        return DelayRow.of(WorkloadSpec.lateness(server, 1000, 100, 100), TICK, WorkloadResult.lateness(server, rounds));
    }

    private static DelayRow recovery(int pending, double millis, double heap) {
        return DelayRow.of(WorkloadSpec.recovery(DelayServer.BATCH, pending), TICK,
                WorkloadResult.recovery(DelayServer.BATCH, new double[] {millis}, new double[] {heap}));
    }

    private static List<Targets.Status> statuses(List<DelayRow> rows) {
        return Targets.evaluate(rows, TICK).stream().map(Targets.Target::status).toList();
    }

    @Test
    void eachTargetIsHeldAgainstItsOwnRow() {
        List<DelayRow> rows = List.of(
                enqueue(WorkloadSpec.enqueue(DelayServer.BATCH, 8, 1, 0, 1, 1), 50_000),
                enqueue(WorkloadSpec.enqueue(DelayServer.BATCH, 256, 1, 0, 1, 1), 150_000),
                enqueue(WorkloadSpec.enqueue(DelayServer.NEVER, 256, 1, 0, 1, 1), 90_000),
                recovery(1_000_000, 3200, 60),
                late(DelayServer.BATCH, 19_999),
                late(DelayServer.NEVER, 20_000),
                late(DelayServer.JDK_DELAY_QUEUE, 500_000));
        // batch blocking from 256 producers (met), async and the batched line (absent), recovery (missed), heap (met), then
        // each lateness row of ours (the reference judges nothing).
        assertEquals(List.of(Targets.Status.MET, Targets.Status.NOT_MEASURED, Targets.Status.NOT_MEASURED, Targets.Status.MISSED,
                Targets.Status.MET, Targets.Status.MET, Targets.Status.MISSED), statuses(rows));
    }

    @Test
    void aVerdictHoldsOverEveryRepeatOrSaysHowManyMetIt() {
        WorkloadSpec blocking = WorkloadSpec.enqueue(DelayServer.BATCH, 256, 1, 0, 1, 1);
        Targets.Target some = Targets.evaluate(List.of(enqueue(blocking, 150_000, 90_000, 120_000)), TICK).get(0);
        assertEquals(Targets.Status.MET_IN_SOME, some.status());
        assertEquals("met in 2 of 3", some.verdict());
        assertEquals("120k enqueues/s (90k–150k) with 256 producers, one task per delay call", some.figure());
        assertEquals("met", Targets.evaluate(List.of(enqueue(blocking, 150_000, 101_000, 120_000)), TICK).get(0).verdict());
        assertEquals("missed", Targets.evaluate(List.of(enqueue(blocking, 99_000, 90_000, 60_000)), TICK).get(0).verdict());

        Targets.Target lateness = Targets.evaluate(List.of(late(DelayServer.BATCH, 15_000, 25_000, 30_000)), TICK).get(5);
        assertEquals("met in 1 of 3", lateness.verdict());
        assertEquals("p99 lateness < 2 ticks (20.0 ms)", lateness.goal());
    }

    @Test
    void theGoalsAreBuiltFromTheConstants() {
        List<Targets.Target> none = Targets.evaluate(List.of(), TICK);
        assertTrue(none.get(0).goal().contains(Targets.BLOCKING_PRODUCERS + " producers: ≥ "
                + Fmt.grouped((long) Targets.ENQUEUES_PER_SECOND)), none.get(0).goal());
        assertTrue(none.get(1).goal().contains(Fmt.grouped((long) Targets.ASYNC_ENQUEUES_PER_SECOND)), none.get(1).goal());
        assertTrue(none.get(3).goal().contains(Fmt.grouped(Targets.RECOVERY_PENDING) + " pending < "
                + Fmt.millis(Targets.RECOVERY_MILLIS * 1000)), none.get(3).goal());
        none.forEach(t -> assertEquals("not measured", t.verdict(), t.goal()));
    }

    @Test
    void theTargetJudgesOneTaskPerCallAndShowsTheBatchedFigureBesideIt() {
        List<DelayRow> rows = List.of(
                enqueue(WorkloadSpec.enqueue(DelayServer.BATCH, 256, 1, 0, 1, 1), 70_000),
                enqueue(WorkloadSpec.enqueue(DelayServer.BATCH, 8, 100, 0, 1, 1), 900_000));
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
                enqueue(WorkloadSpec.enqueue(DelayServer.BATCH, 8, 1, 0, 1, 1), 500_000),
                enqueue(WorkloadSpec.enqueueAsync(DelayServer.BATCH, 8, 1000, 0, 1, 1), 150_000));
        List<Targets.Target> targets = Targets.evaluate(rows, TICK);
        assertEquals(Targets.Status.NOT_MEASURED, targets.get(0).status(), "8 blocking producers are not the 256 the target names");
        assertEquals(Targets.Status.MISSED, targets.get(1).status(), "150k async is under 200k");
        assertTrue(targets.get(1).figure().contains("1 000 futures in flight"), targets.get(1).figure());
        List<DelayRow> fast = List.of(enqueue(WorkloadSpec.enqueueAsync(DelayServer.BATCH, 8, 1000, 0, 1, 1), 250_000));
        assertEquals(Targets.Status.MET, Targets.evaluate(fast, TICK).get(1).status());
    }

    @Test
    void aSmallerOrFailedRunIsNotMeasuredNeverMet() {
        List<DelayRow> rows = List.of(
                DelayRow.failed(WorkloadSpec.enqueue(DelayServer.BATCH, 256, 1, 0, 1, 1), TICK, "killed"),
                recovery(10_000, 80, 100));
        assertEquals(List.of(Targets.Status.NOT_MEASURED, Targets.Status.NOT_MEASURED, Targets.Status.NOT_MEASURED,
                Targets.Status.NOT_MEASURED, Targets.Status.NOT_MEASURED, Targets.Status.NOT_MEASURED), statuses(rows));
    }
}
