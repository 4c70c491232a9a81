package io.muxlab.harness.delay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class InFlightTest {
    @Test
    void aTaskCountsOnceItsFutureCompletesAndTheWindowStaysBounded() throws Exception {
        List<CompletableFuture<Long>> started = new ArrayList<>();
        InFlight op = new InFlight(() -> {
            CompletableFuture<Long> f = new CompletableFuture<>();
            started.add(f);
            return f;
        }, 3);
        assertEquals(0, op.enqueue());
        assertEquals(0, op.enqueue());
        assertEquals(0, op.enqueue(), "three in flight, none complete: nothing counted");
        started.get(0).complete(1L);
        started.get(1).complete(2L);
        assertEquals(2, op.enqueue(), "the two completed ones count; three are left in flight");
        // The window is full: the next call waits for the oldest, completed here before it is asked for.
        started.get(2).complete(3L);
        assertEquals(1, op.enqueue());
    }

    @Test
    void aFailedFutureIsThrown() {
        InFlight op = new InFlight(() -> CompletableFuture.failedFuture(new IllegalStateException("log failed")), 10);
        ExecutionException e = assertThrows(ExecutionException.class, op::enqueue);
        assertEquals("log failed", e.getCause().getMessage());
    }
}
