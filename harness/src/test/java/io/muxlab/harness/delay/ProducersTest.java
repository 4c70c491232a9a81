package io.muxlab.harness.delay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ProducersTest {
    @Test
    void aWindowThatEndsWithNothingCountedWaitsForTheFirstTask() throws Exception {
        // Nothing counts until well after the 1 ms window's time (as if the JVM had paused through it).
        long firstAt = System.nanoTime() + 200_000_000L;
        Producers.Window w = Producers.run(2, () -> () -> System.nanoTime() < firstAt ? 0 : 1, 0, 1, 1_000_000, () -> 0, 1).get(0);
        assertTrue(w.tasks() > 0, "tasks " + w.tasks());
    }

    @Test
    void eachRepeatIsAWindowOfItsOwnAndTheyShareTheCap() throws Exception {
        List<Producers.Window> w = Producers.run(1, () -> () -> 1, 0, 60_000, 400, () -> 0, 3);
        assertEquals(3, w.size());
        // The cap (400) less the warm-up's quarter, shared by three windows: each closes at 100 tasks, not at its time.
        for (Producers.Window one : w) {
            assertTrue(one.tasks() >= 100 && one.seconds() < 60, one.toString());
        }
    }
}
