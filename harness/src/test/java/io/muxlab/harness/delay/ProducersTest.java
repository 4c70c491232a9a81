package io.muxlab.harness.delay;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProducersTest {
    @Test
    void aWindowThatEndsWithNothingCountedWaitsForTheFirstTask() throws Exception {
        // Nothing counts until well after the 1 ms window's time (as if the JVM had paused through it).
        long firstAt = System.nanoTime() + 200_000_000L;
        Producers.Window w = Producers.run(2, () -> () -> System.nanoTime() < firstAt ? 0 : 1, 0, 1, 1_000_000, () -> 0);
        assertTrue(w.tasks() > 0, "tasks " + w.tasks());
    }
}
