package io.muxlab.harness.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The labels charts print: three significant digits, SI prefixes and time units, never 1.4E5. */
class FmtTest {
    @Test
    void countsTakeSiPrefixes() {
        assertEquals("140k", Fmt.si(140_000));
        assertEquals("10M", Fmt.si(1.0E7));
        assertEquals("3.54M", Fmt.si(3_536_829.21));
        assertEquals("1.23k", Fmt.si(1234));
        assertEquals("89.6", Fmt.si(89.6));
        assertEquals("13.3", Fmt.si(13.31));
        assertEquals("2.5", Fmt.si(2.50));
        assertEquals("0.0233", Fmt.si(0.02334));
        assertEquals("-1.5k", Fmt.si(-1500));
    }

    @Test
    void zeroIsZero() {
        assertEquals("0", Fmt.si(0));
        assertEquals("0", Fmt.duration(0));
        assertEquals("0", Unit.MICROS.label(0));
    }

    @Test
    void roundingCarriesIntoTheNextPrefix() {
        assertEquals("1M", Fmt.si(999_999));
        assertEquals("1 ms", Fmt.duration(999_700));
    }

    @Test
    void durationsTakeTheirUnit() {
        assertEquals("12.3 µs", Unit.MICROS.label(12.34));
        assertEquals("10 µs", Unit.MICROS.label(10));
        assertEquals("1.2 ms", Unit.MICROS.label(1200));
        assertEquals("850 ns", Unit.NANOS.label(850));
        assertEquals("270 ns", Unit.NANOS.label(270.4));
        assertEquals("520 µs", Unit.NANOS.label(520_000));
        assertEquals("2 s", Unit.MILLIS.label(2000));
        assertEquals("50 µs", Unit.MILLIS.label(0.05));
    }

    @Test
    void notANumberIsADash() {
        assertEquals("–", Fmt.si(Double.NaN));
        assertEquals("–", Fmt.duration(Double.NaN));
    }
}
