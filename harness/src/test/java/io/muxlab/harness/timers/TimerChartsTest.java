package io.muxlab.harness.timers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.muxlab.harness.format.Charts;
import io.muxlab.harness.measure.Spread;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The timer charts' data from the rows: each point's median, and its whisker from the rows' repeats when it has some. */
class TimerChartsTest {
    @Test
    void latenessSeriesFromThreeRepeatsCarryTheirRangeInMillis() {
        List<TimerRow> rows = List.of(row(TimerChild.LATENESS, "wheel", 1_000, "p99Micros", 1090, 1050, 1200),
                row(TimerChild.LATENESS, "wheel", 10_000, "p99Micros", 980, 1010, 1000));
        Charts.Series wheel = named(TimerReport.series(rows), "wheel");
        assertArrayEquals(new double[] {1_000, 10_000}, wheel.x());
        assertArrayEquals(new double[] {1.09, 1.0}, wheel.y(), 1e-9);
        assertArrayEquals(new double[] {1.05, 0.98}, wheel.lo(), 1e-9);
        assertArrayEquals(new double[] {1.2, 1.01}, wheel.hi(), 1e-9);
    }

    @Test
    void latenessMeasuredOnceDrawsNoWhiskers() {
        Charts.Series wheel = named(TimerReport.series(List.of(row(TimerChild.LATENESS, "wheel", 1_000, "p99Micros", 1090))), "wheel");
        assertArrayEquals(new double[] {1.09}, wheel.y(), 1e-9);
        assertNull(wheel.lo());
    }

    @Test
    void idleBarsCarryTheRangeOfEachLoadAndAGapWhereNoneWasMeasured() {
        List<TimerRow> rows = List.of(row(TimerChild.IDLE, "heap", 0, "wakeupsPerSecond", 0, 0.2, 0.1),
                row(TimerChild.IDLE, "netty-hwt", 0, "wakeupsPerSecond", 999, 1001, 1000),
                row(TimerChild.DUE, "netty-hwt", 10, "wakeupsPerSecond", 990, 1002, 1000));
        List<Charts.Series> series = new IdleFigures(rows).series("wakeupsPerSecond");
        Charts.Series heap = named(series, "heap");
        assertEquals(0.1, heap.y()[0]);
        assertEquals(Double.NaN, heap.y()[1], "heap's due load was not measured");
        assertArrayEquals(new double[] {0, 0.2}, new double[] {heap.lo()[0], heap.hi()[0]});
        Charts.Series netty = named(series, "netty-hwt");
        assertArrayEquals(new double[] {999, 990}, netty.lo());
        assertArrayEquals(new double[] {1001, 1002}, netty.hi());
    }

    @Test
    void barsCarryTheRangeOfTheirRepeats() {
        List<Charts.Bar> bars = TimerReport.bars(List.of(row(TimerChild.SCHEDULE_CANCEL, "wheel", 1_000, "opsPerSecond", 4.0e6, 4.1e6,
                4.02e6), row(TimerChild.SCHEDULE_CANCEL, "heap", 1_000, "opsPerSecond", 3.5e6)), "opsPerSecond");
        assertEquals(List.of("heap", "wheel"), bars.stream().map(Charts.Bar::name).toList());
        assertEquals(Double.NaN, bars.get(0).lo(), "measured once");
        assertArrayEquals(new double[] {4.02e6, 4.0e6, 4.1e6}, new double[] {bars.get(1).value(), bars.get(1).lo(), bars.get(1).hi()});
    }

    private static Charts.Series named(List<Charts.Series> series, String name) {
        return series.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static TimerRow row(String workload, String facility, int timers, String figure, double... repeats) {
        return TimerRow.measured(workload, facility, Peers.isOurs(facility) ? "ours" : "peer", timers, Map.of(figure, Spread.of(repeats)));
    }
}
