package io.muxlab.core.timer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waiting for something that should happen within milliseconds, with seconds of patience. */
public final class Await {
    /** How long a test waits for something that should happen within milliseconds. */
    public static final long PATIENCE_SECONDS = 10;

    private Await() {
    }

    public static void latch(CountDownLatch latch) throws InterruptedException {
        assertTrue(latch.await(PATIENCE_SECONDS, TimeUnit.SECONDS), "timed out waiting " + PATIENCE_SECONDS + " s");
    }

    /** Polls {@code condition}; for states with no event to wait on (a loop thread winding down). */
    public static void condition(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "timed out waiting " + PATIENCE_SECONDS + " s");
            Thread.sleep(5);
        }
    }

    /** Waits for a latch from inside a callback, where a test cannot throw. */
    static void quietly(CountDownLatch latch) {
        try {
            latch.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
