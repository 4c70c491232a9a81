package io.muxlab.harness.delay;

import io.muxlab.harness.measure.Lateness;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The same workloads on the two in-memory delay queues of the JDK: {@code java.util.concurrent.DelayQueue}
 * (a binary heap under one lock, drained by one taker thread here) and {@code ScheduledThreadPoolExecutor}
 * (the same heap inside an executor, 4 threads like our 4 workers). Nothing is durable; each task
 * holds a copy of a 16-byte payload, as ours does, so heap per task compares like with like.
 * Lateness is timed with {@code System.nanoTime()}, since these queues keep nanoTime deadlines.
 */
final class ReferenceWorkloads {
    private static final byte[] PAYLOAD = new byte[Measurements.PAYLOAD_BYTES];
    private static final long HOUR_NANOS = TimeUnit.HOURS.toNanos(1);
    private static final int EXECUTOR_THREADS = 4;

    private ReferenceWorkloads() {
    }

    /** A task for j.u.c.DelayQueue: due at a {@code nanoTime}, carrying a payload. */
    private record Item(long dueNanos, byte[] payload) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(dueNanos, ((Item) o).dueNanos);
        }
    }

    /** A task for the executor that does nothing with its payload. */
    private record Noop(byte[] payload) implements Runnable {
        @Override
        public void run() {
        }
    }

    static WorkloadResult enqueue(DelayServer server, int producers, long warmupMillis, long windowMillis, long maxTasks, int repeats)
            throws Exception {
        java.util.concurrent.DelayQueue<Item> queue = new java.util.concurrent.DelayQueue<>();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(EXECUTOR_THREADS);
        try {
            Producers.Operation op = server == DelayServer.JDK_DELAY_QUEUE
                    ? () -> queue.add(new Item(System.nanoTime() + HOUR_NANOS, PAYLOAD.clone())) ? 1 : 0
                    : () -> {
                        pool.schedule(new Noop(PAYLOAD.clone()), HOUR_NANOS, TimeUnit.NANOSECONDS);
                        return 1;
                    };
            List<Producers.Window> windows = Producers.run(producers, () -> op, warmupMillis, windowMillis, maxTasks, () -> 0, repeats);
            return WorkloadResult.throughput(server, 1, 0, windows);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * With {@code pending} tasks an hour ahead, {@code repeats} rounds one after another, each of
     * {@code probes} tasks due evenly over {@code spreadMillis}.
     */
    static WorkloadResult lateness(DelayServer server, int pending, int probes, long spreadMillis, int repeats)
            throws InterruptedException {
        List<Lateness> rounds = new ArrayList<>();
        long lead = TimeUnit.MILLISECONDS.toNanos(DelayQueueWorkloads.PROBE_LEAD_MILLIS);
        long spread = TimeUnit.MILLISECONDS.toNanos(spreadMillis);
        if (server == DelayServer.JDK_DELAY_QUEUE) {
            java.util.concurrent.DelayQueue<Item> q = new java.util.concurrent.DelayQueue<>();
            long now = System.nanoTime();
            for (int i = 0; i < pending; i++) {
                q.add(new Item(now + HOUR_NANOS, PAYLOAD.clone()));
            }
            for (int r = 0; r < repeats; r++) {
                long[] late = new long[probes];
                now = System.nanoTime();
                for (int i = 0; i < probes; i++) {
                    q.add(new Item(now + lead + spread * i / probes, PAYLOAD.clone()));
                }
                for (int i = 0; i < probes; i++) {
                    Item due = q.take();
                    late[i] = (System.nanoTime() - due.dueNanos()) / 1000;
                }
                rounds.add(Lateness.ofMicros(late));
            }
            return WorkloadResult.lateness(server, rounds);
        }
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(EXECUTOR_THREADS);
        try {
            for (int i = 0; i < pending; i++) {
                ex.schedule(new Noop(PAYLOAD.clone()), HOUR_NANOS, TimeUnit.NANOSECONDS);
            }
            for (int r = 0; r < repeats; r++) {
                long[] late = new long[probes];
                AtomicInteger next = new AtomicInteger();
                CountDownLatch done = new CountDownLatch(probes);
                long now = System.nanoTime();
                for (int i = 0; i < probes; i++) {
                    long due = now + lead + spread * i / probes;
                    ex.schedule(() -> {
                        late[next.getAndIncrement()] = (System.nanoTime() - due) / 1000;
                        done.countDown();
                    }, due - System.nanoTime(), TimeUnit.NANOSECONDS);
                }
                if (!done.await(spreadMillis + 30_000, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("only " + (probes - done.getCount()) + " of " + probes + " probes fired in time");
                }
                rounds.add(Lateness.ofMicros(late));
            }
            return WorkloadResult.lateness(server, rounds);
        } finally {
            ex.shutdownNow();
        }
    }

    /** Heap per pending task (beyond its payload) with {@code pending} tasks an hour ahead, {@code repeats} times; nothing to recover. */
    static WorkloadResult footprint(DelayServer server, int pending, int repeats) throws InterruptedException {
        double[] perTask = new double[repeats];
        double[] none = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            perTask[r] = bytesPerTask(server, pending);
            none[r] = Double.NaN;
        }
        return WorkloadResult.recovery(server, none, perTask);
    }

    /** One footprint, in a method of its own so the queue it fills is unreachable when the next one measures. */
    private static double bytesPerTask(DelayServer server, int pending) throws InterruptedException {
        long before = Measurements.usedHeapAfterGc();
        java.util.concurrent.DelayQueue<Item> queue = new java.util.concurrent.DelayQueue<>();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(EXECUTOR_THREADS);
        try {
            long now = System.nanoTime();
            for (int i = 0; i < pending; i++) {
                if (server == DelayServer.JDK_DELAY_QUEUE) {
                    queue.add(new Item(now + HOUR_NANOS, PAYLOAD.clone()));
                } else {
                    pool.schedule(new Noop(PAYLOAD.clone()), HOUR_NANOS, TimeUnit.NANOSECONDS);
                }
            }
            long after = Measurements.usedHeapAfterGc();
            int held = server == DelayServer.JDK_DELAY_QUEUE ? queue.size() : pool.getQueue().size();
            if (held != pending) {
                throw new IllegalStateException(server.label() + " holds " + held + " of " + pending + " tasks");
            }
            return (double) (after - before) / pending - PAYLOAD.length;
        } finally {
            pool.shutdownNow();
        }
    }
}
