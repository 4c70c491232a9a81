package io.muxlab.harness.section;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A verdict is "met" only when every repeat met it; some is "met in k of n", none "missed". */
class HeldTest {
    @Test
    void verdictsFromTheRepeats() {
        assertEquals("met", Held.NOT_MEASURED.and(true).and(true).and(true).verdict());
        assertEquals("met in 2 of 3", Held.NOT_MEASURED.and(true).and(false).and(true).verdict());
        assertEquals("missed", Held.NOT_MEASURED.and(false).verdict());
        assertEquals("not measured", Held.NOT_MEASURED.verdict());
    }

    @Test
    void besideAComparison() {
        assertEquals("in 3 of 3 repeats", new Held(3, 3).repeats());
        assertEquals("in its one run", new Held(1, 1).repeats());
        assertEquals("not in its one run", new Held(0, 1).repeats());
        assertEquals("0 of 1 run", new Held(0, 1).tally());
        assertEquals("2 of 3 repeats", new Held(2, 3).tally());
        assertThrows(IllegalArgumentException.class, () -> new Held(2, 1));
    }
}
