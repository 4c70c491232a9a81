package io.muxlab.harness.delay;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One producer's asynchronous enqueues: each call starts one and keeps at most {@code limit}
 * futures in flight, waiting for the oldest only when the window is full, so the producer parks
 * once per group commit rather than once per task. A task counts once its future has completed —
 * durable, for our queue — never when it was merely handed over. Owned by its producer's thread.
 */
final class InFlight implements Producers.Operation {
    private final Supplier<CompletableFuture<?>> start;
    private final int limit;
    /** Futures in the order they were started; the log completes them in that order, group by group. */
    private final ArrayDeque<CompletableFuture<?>> futures = new ArrayDeque<>();

    InFlight(Supplier<CompletableFuture<?>> start, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("in flight must be at least 1: " + limit);
        }
        this.start = start;
        this.limit = limit;
    }

    @Override
    public long enqueue() throws Exception {
        futures.add(start.get());
        long completed = 0;
        while (!futures.isEmpty() && (futures.size() > limit || futures.peek().isDone())) {
            // get() rethrows the log's failure, which stops every producer.
            futures.poll().get();
            completed++;
        }
        return completed;
    }
}
