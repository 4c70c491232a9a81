package io.muxlab.harness.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When an axis turns logarithmic, where its ends go, and how its ticks read. */
class ScaleTest {
    @Test
    void aSpanOfDecadesIsLogarithmic() {
        assertTrue(Scale.of(1_000, 160_000, Unit.COUNT, false).log());
        assertFalse(Scale.of(12_000, 170_000, Unit.COUNT, false).log(), "1.15 decades stay linear");
        assertFalse(Scale.of(0, 160_000, Unit.COUNT, false).log(), "a zero cannot sit on a log axis");
    }

    @Test
    void oneEndSnapsToADecadeTheOneThatWastesLess() {
        Scale upper = Scale.of(64, 65_536, Unit.COUNT, false);
        assertEquals(Math.log10(64), upper.lo(), 1e-9);
        assertEquals(5, upper.hi(), 1e-9);
        Scale lower = Scale.of(10, 15_000, Unit.COUNT, false);
        assertEquals(1, lower.lo(), 1e-9);
        assertEquals(Math.log10(15_000), lower.hi(), 1e-9);
    }

    @Test
    void barsGrowFromTheDecadeBelow() {
        Scale bars = Scale.of(215, 38_925, Unit.COUNT, true);
        assertEquals(2, bars.lo(), 1e-9);
    }

    @Test
    void onlyDecadesAreLabelled() {
        Scale s = Scale.of(100, 1_000_000, Unit.MICROS, false);
        assertEquals("1 ms", s.labels().apply(3.0));
        assertEquals(Scale.BLANK, s.labels().apply(2.5));
        assertEquals("100 µs", s.labels().apply(2.0000000001));
        assertEquals(" (log)", s.titleSuffix());
    }

    @Test
    void aLinearAxisLabelsEveryTick() {
        Scale s = Scale.of(0, 35, Unit.MICROS, true);
        assertEquals("", s.titleSuffix());
        assertEquals("25 µs", s.labels().apply(25.0));
        assertEquals(0, s.place(0));
    }
}
