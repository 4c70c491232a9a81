package io.muxlab.core.mux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TimeoutsTest {

    @Test
    void millisRoundUpSoAShortSleepIsNeverABusyZero() {
        assertEquals(-1, Timeouts.toMillis(-5));
        assertEquals(0, Timeouts.toMillis(0));
        assertEquals(1, Timeouts.toMillis(1));
        assertEquals(1, Timeouts.toMillis(300_000));
        assertEquals(1, Timeouts.toMillis(1_000_000));
        assertEquals(2, Timeouts.toMillis(1_000_001));
        assertEquals(Integer.MAX_VALUE, Timeouts.toMillis(Long.MAX_VALUE));
    }

    @Test
    void microsRoundUpToo() {
        assertEquals(-1, Timeouts.toMicros(-1));
        assertEquals(0, Timeouts.toMicros(0));
        assertEquals(1, Timeouts.toMicros(1));
        assertEquals(1, Timeouts.toMicros(1000));
        assertEquals(2, Timeouts.toMicros(1001));
    }
}
