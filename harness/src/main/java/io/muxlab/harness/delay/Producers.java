package io.muxlab.harness.delay;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * N producer threads calling one enqueue operation as fast as they can: a warm-up (every child is a
 * cold JVM, and the JIT needs a moment), then counted windows one after another (the repeats), each
 * closing at its time or at its share of a task cap, whichever comes first (every task enqueued
 * stays on the heap, an hour ahead; the in-memory references add millions a second). The warm-up
 * stops at a quarter of the cap, the windows share the rest equally. A window
 * that reaches its time with nothing counted (a GC pause or a busy machine as long as a short
 * {@code --duration}) stays open until the first task counts, for up to {@link #FIRST_TASK_MILLIS};
 * its real length is what the rate is divided by. The first exception a producer meets stops them
 * all and is thrown here.
 */
final class Producers {
    /** How often the main thread looks at the count while the window is open. */
    private static final long POLL_MILLIS = 5;
    /** How long past its time a window with nothing counted yet waits for a first task. */
    static final long FIRST_TASK_MILLIS = 5000;

    /**
     * What one producer does once per call: enqueue, and say how many tasks are now known enqueued
     * (a blocking call: the tasks it carried; an asynchronous one: those whose futures completed).
     */
    interface Operation {
        long enqueue() throws Exception;
    }

    /** The window: tasks counted in it, its real length, and how far {@code counter} moved in it. */
    record Window(long tasks, double seconds, long counted) {
    }

    private Producers() {
    }

    /**
     * Runs {@code producers} threads, each calling an operation of its own from {@code perProducer}
     * (so one may keep state, such as futures in flight) and counting what it returns (the cap and
     * the window count tasks, not calls), for one warm-up and {@code repeats} windows.
     *
     * @param counter read at the windows' edges (e.g. fsyncs); may be {@code () -> 0}
     */
    static List<Window> run(int producers, Supplier<Operation> perProducer, long warmupMillis, long windowMillis, long maxTasks,
            LongSupplier counter, int repeats)
            throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Exception> failure = new AtomicReference<>();
        LongAdder count = new LongAdder();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            Operation op = perProducer.get();
            threads.add(new Thread(() -> {
                try {
                    while (!stop.get()) {
                        count.add(op.enqueue());
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                    stop.set(true);
                }
            }, "producer-" + p));
        }
        threads.forEach(Thread::start);
        List<Window> windows = new ArrayList<>();
        long share = Math.max(1, (maxTasks - maxTasks / 4) / repeats);
        try {
            // The warm-up ends early too, at a quarter of the cap, so the windows are never left without room.
            await(System.nanoTime() + warmupMillis * 1_000_000, count, 0, maxTasks / 4, stop);
            for (int r = 0; r < repeats && !stop.get(); r++) {
                long n0 = count.sum();
                long c0 = counter.getAsLong();
                long t0 = System.nanoTime();
                await(t0 + windowMillis * 1_000_000, count, n0, share, stop);
                if (count.sum() == n0) {
                    await(System.nanoTime() + FIRST_TASK_MILLIS * 1_000_000, count, n0, 1, stop);
                }
                windows.add(new Window(count.sum() - n0, (System.nanoTime() - t0) / 1e9, counter.getAsLong() - c0));
            }
        } finally {
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        if (windows.stream().anyMatch(w -> w.tasks() <= 0)) {
            throw new IllegalStateException("no task was enqueued in a window, nor " + FIRST_TASK_MILLIS + " ms after it");
        }
        return windows;
    }

    /** Sleeps until {@code deadline}, {@code limit} tasks past {@code from}, or a stop, whichever comes first. */
    private static void await(long deadline, LongAdder count, long from, long limit, AtomicBoolean stop)
            throws InterruptedException {
        while (System.nanoTime() < deadline && count.sum() - from < limit && !stop.get()) {
            Thread.sleep(POLL_MILLIS);
        }
    }
}
