package io.muxlab.harness.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OpenLoopScheduleTest {
    @Test
    void spreadsTheRateEvenlyOverConnections() {
        OpenLoopSchedule s = new OpenLoopSchedule(1_000, 4, 1000);
        // 1000 msg/s in total: one every 1 ms, taking the connections in turn
        assertEquals(1_000, s.intended(0, 0));
        assertEquals(1_001_000, s.intended(1, 0));
        assertEquals(3_001_000, s.intended(3, 0));
        assertEquals(4_001_000, s.intended(0, 1));
        assertEquals(4_001_000L * 1 + 4_000_000L * 9, s.intended(0, 10));
    }

    @Test
    void refusesANonsenseRate() {
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopSchedule(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopSchedule(0, 0, 10));
    }
}
