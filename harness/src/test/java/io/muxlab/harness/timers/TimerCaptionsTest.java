package io.muxlab.harness.timers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.harness.measure.Spread;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each computed sentence of the timer captions, against rows that support it and rows that contradict it. */
class TimerCaptionsTest {
    private static final Map<String, Double> TICKS = new LinkedHashMap<>(Map.of("wheel", 1000.0));

    @Test
    void latenessThatFallsWithMoreTimersIsNotCalledGrowing() {
        List<TimerRow> falling = List.of(late("heap", 1_000, 40, 134), late("heap", 10_000, 30, 105), late("heap", 100_000, 20, 51),
                late("wheel", 1_000, 560, 1090), late("wheel", 100_000, 590, 1098));
        assertEquals("From the fewest to the most armed timers, p99 lateness heap fell (134 µs → 51 µs), wheel stayed within 20% "
                + "(1090 µs → 1098 µs). This run does not show lateness growing with the number of armed timers. ",
                TimerCaptions.latenessTrend(falling));
        List<TimerRow> growing = List.of(late("heap", 1_000, 40, 50), late("heap", 100_000, 90, 400));
        assertEquals("From the fewest to the most armed timers, p99 lateness heap rose (50 µs → 400 µs). "
                + "Lateness grew with the number of armed timers for heap in this run. ", TimerCaptions.latenessTrend(growing));
        assertEquals("", TimerCaptions.latenessTrend(List.of(late("heap", 1_000, 40, 50))), "one size shows no trend");
    }

    @Test
    void aTickFacilityIsHeldAgainstAUniformFractionOfATick() {
        assertEquals("Measured, at the worst size: wheel p50 0.56, p99 1.07 ticks of 1 ms (as a uniform fraction of a tick "
                + "predicts). ", TimerCaptions.inTicks(List.of(late("wheel", 1_000, 560, 1070)), TICKS));
        // Netty's measured shape: a tick later than the round-up wheel, p99 near two ticks.
        Map<String, Double> netty = Map.of("netty-hwt", 1000.0);
        assertEquals("Measured, at the worst size: netty-hwt p50 1.06, p99 2.00 ticks of 1 ms (about a tick later than a "
                + "uniform fraction of a tick would be). ", TimerCaptions.inTicks(List.of(late("netty-hwt", 1_000, 1060, 2000)), netty));
        assertEquals("Measured, at the worst size: wheel p50 0.10, p99 0.20 ticks of 1 ms (not what a uniform fraction of a "
                + "tick predicts). ", TimerCaptions.inTicks(List.of(late("wheel", 1_000, 100, 200)), TICKS));
        assertEquals("", TimerCaptions.inTicks(List.of(), TICKS));
        assertEquals("1 ms", TimerCaptions.tick(1000));
        assertEquals("500 µs", TimerCaptions.tick(500));
    }

    @Test
    void theDeadlineFacilitiesAreAheadOnlyWhereEverySizeSaysSo() {
        List<String> deadline = List.of("heap", "stpe");
        List<String> tick = List.of("wheel");
        List<TimerRow> ahead = List.of(late("heap", 1_000, 40, 134), late("stpe", 1_000, 100, 270), late("wheel", 1_000, 560, 1090));
        assertEquals("At every size measured, each of heap and stpe had a lower p99 than either tick facility. ",
                TimerCaptions.deadlineVersusTick(ahead, deadline, tick));
        List<TimerRow> behind = List.of(late("heap", 1_000, 40, 134), late("stpe", 1_000, 100, 2700), late("wheel", 1_000, 560, 1090));
        assertEquals("This run does not show the deadline facilities ahead at every size: at 1 of 1 sizes one of heap and stpe "
                + "had a p99 at or above a tick facility's. ", TimerCaptions.deadlineVersusTick(behind, deadline, tick));
    }

    @Test
    void theWheelBeatsTheHeapOnlyWhenTheRowsSaySo() {
        assertEquals("Here wheel 4.02M/s, heap 3.54M/s: the wheel ahead by 1.14×. ", TimerCaptions.wheelVersusHeap(List.of(
                ops("wheel", 4.0e6, 4.02e6, 4.1e6), ops("heap", 3.5e6, 3.54e6, 3.6e6))));
        String heapWon = TimerCaptions.wheelVersusHeap(List.of(ops("wheel", 5.4e6, 5.53e6, 5.6e6), ops("heap", 5.8e6, 5.89e6, 6.0e6)));
        assertEquals("Here wheel 5.53M/s, heap 5.89M/s: the heap ahead by 1.07× — this run does not show the wheel's O(1) beating "
                + "the heap's O(log n) at this size. ", heapWon);
        String overlap = TimerCaptions.wheelVersusHeap(List.of(ops("wheel", 5.0e6, 5.5e6, 6.0e6), ops("heap", 5.2e6, 5.4e6, 5.9e6)));
        assertTrue(overlap.contains("their ranges overlap: this run does not separate"), overlap);
        assertEquals("", TimerCaptions.wheelVersusHeap(List.of(ops("wheel", 1, 2, 3))), "no heap row, no comparison");
    }

    private static TimerRow late(String facility, int timers, double p50, double p99) {
        return TimerRow.measured("lateness", facility, Peers.isOurs(facility) ? "ours" : "peer", timers,
                Map.of("p50Micros", Spread.of(p50), "p99Micros", Spread.of(p99), "maxMicros", Spread.of(p99 * 2)));
    }

    private static TimerRow ops(String facility, double... repeats) {
        return TimerRow.measured("schedule-cancel", facility, "ours", 1_000_000, Map.of("opsPerSecond", Spread.of(repeats)));
    }
}
