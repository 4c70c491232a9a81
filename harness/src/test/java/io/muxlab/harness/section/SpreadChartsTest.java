package io.muxlab.harness.section;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.muxlab.harness.format.Charts;
import io.muxlab.harness.measure.Spread;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Medians as the points, the repeats' lowest and highest as the whiskers, and no whiskers without repeats. */
class SpreadChartsTest {
    @Test
    void aSeriesOfThreeRepeatsCarriesEachPointsRangeScaledAsDrawn() {
        Charts.Series s = SpreadCharts.series("wheel", new double[] {1_000, 10_000},
                List.of(Spread.of(1090, 1050, 1200), Spread.of(980, 1010, 1000)), 1e-3);
        assertArrayEquals(new double[] {1.09, 1.0}, s.y(), 1e-9);
        assertArrayEquals(new double[] {1.05, 0.98}, s.lo(), 1e-9);
        assertArrayEquals(new double[] {1.2, 1.01}, s.hi(), 1e-9);
    }

    @Test
    void aSeriesMeasuredOnceCarriesNoRange() {
        Charts.Series s = SpreadCharts.series("wheel", new double[] {1_000}, List.of(Spread.of(1090)), 1);
        assertArrayEquals(new double[] {1090}, s.y());
        assertNull(s.lo());
        assertNull(s.hi());
    }

    @Test
    void aGapStaysAGapBesideRangedPoints() {
        Charts.Series s = SpreadCharts.series("heap", new double[] {0, 1}, List.of(Spread.NONE, Spread.of(3, 1, 2)), 1);
        assertEquals(Double.NaN, s.y()[0]);
        assertEquals(Double.NaN, s.lo()[0]);
        assertArrayEquals(new double[] {1, 3}, new double[] {s.lo()[1], s.hi()[1]});
    }

    @Test
    void aBarCarriesItsRangeOnlyWithRepeats() {
        Charts.Bar b = SpreadCharts.bar("stpe", Spread.of(3.5e6, 3.6e6, 3.4e6), 1);
        assertEquals(3.5e6, b.value());
        assertEquals(3.4e6, b.lo());
        assertEquals(3.6e6, b.hi());
        Charts.Bar once = SpreadCharts.bar("stpe", Spread.of(3.5e6), 1);
        assertEquals(Double.NaN, once.lo());
        assertEquals(Double.NaN, once.hi());
    }

    @Test
    void pointsAndValuesMustPair() {
        assertThrows(IllegalArgumentException.class, () -> SpreadCharts.series("x", new double[] {1, 2}, List.of(Spread.of(1)), 1));
    }
}
