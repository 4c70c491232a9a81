package io.muxlab.delay.bench;

import io.muxlab.delay.DelayQueue;
import io.muxlab.delay.QueueOptions;
import io.muxlab.delay.TaskRequest;
import io.muxlab.delay.log.FsyncPolicy;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The delay queue's workloads, written against the public API only so the harness can take this
 * file as it is: enqueue throughput per fsync policy with many producers, recovery time and heap
 * per pending task, and firing lateness (ours and two in-memory JDK references). Each returns a
 * record; none prints. Lateness is in milliseconds because due times are wall-clock milliseconds.
 */
public final class DelayQueueWorkloads {
    private static final byte[] PAYLOAD = new byte[16];

    private DelayQueueWorkloads() {
    }

    /** policy is null for the in-memory references. */
    public record Throughput(String queue, FsyncPolicy policy, int producers, long tasks, double seconds, long fsyncs) {
        public double perSecond() {
            return tasks / seconds;
        }
    }

    public record Recovery(int pending, long millis, double heapBytesPerTask) {
    }

    public record Lateness(String queue, int background, int measured, long p50Millis, long p99Millis, long maxMillis) {
    }

    /** Producers call {@code delay} (1 h ahead, 16-byte payload) as fast as they can for a while. */
    public static Throughput enqueue(Path dir, FsyncPolicy policy, int producers, Duration length) throws Exception {
        try (DelayQueue q = DelayQueue.open(dir, QueueOptions.defaults().withFsync(policy))) {
            q.register("noop", t -> { });
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong count = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                threads.add(new Thread(() -> {
                    long n = 0;
                    while (!stop.get()) {
                        q.delay("noop", PAYLOAD, Duration.ofHours(1));
                        n++;
                    }
                    count.addAndGet(n);
                }));
            }
            long fsyncsBefore = q.stats().fsyncs();
            long start = System.nanoTime();
            threads.forEach(Thread::start);
            Thread.sleep(length.toMillis());
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Throughput("delay-queue", policy, producers, count.get(), seconds, q.stats().fsyncs() - fsyncsBefore);
        }
    }

    /**
     * The same producers adding (1 h ahead) to java.util.concurrent.DelayQueue or to a
     * ScheduledThreadPoolExecutor: in memory, nothing durable. Keep {@code length} short: every
     * task stays in the heap.
     */
    public static Throughput enqueueReference(boolean executor, int producers, Duration length) throws InterruptedException {
        java.util.concurrent.DelayQueue<Item> queue = new java.util.concurrent.DelayQueue<>();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1);
        Runnable noop = () -> { };
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong count = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            threads.add(new Thread(() -> {
                long n = 0;
                while (!stop.get()) {
                    if (executor) {
                        pool.schedule(noop, 1, TimeUnit.HOURS);
                    } else {
                        queue.add(new Item(System.currentTimeMillis() + 3_600_000));
                    }
                    n++;
                }
                count.addAndGet(n);
            }));
        }
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        Thread.sleep(length.toMillis());
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdownNow();
        return new Throughput(executor ? "ScheduledThreadPoolExecutor" : "j.u.c.DelayQueue", null, producers, count.get(), seconds, 0);
    }

    /** Fills a queue with {@code pending} tasks, closes it, and measures reopening: time and heap. */
    public static Recovery recovery(Path dir, int pending) throws Exception {
        fill(dir, pending, Duration.ofHours(1));
        long before = usedHeap();
        long millis;
        long after;
        try (DelayQueue q = DelayQueue.open(dir, QueueOptions.defaults())) {
            millis = q.recoveryTime().toMillis();
            after = usedHeap();
            if (q.stats().pending() != pending) {
                throw new IllegalStateException("recovered " + q.stats().pending() + " of " + pending);
            }
        }
        return new Recovery(pending, millis, (double) (after - before) / pending - PAYLOAD.length);
    }

    /**
     * With {@code background} tasks waiting an hour, {@code measured} tasks due over the next two
     * seconds record how late they ran.
     */
    public static Lateness lateness(Path dir, int background, int measured) throws Exception {
        fill(dir, background, Duration.ofHours(1));
        long[] late = new long[measured];
        AtomicLong next = new AtomicLong();
        CountDownLatch done = new CountDownLatch(measured);
        try (DelayQueue q = DelayQueue.open(dir,
                QueueOptions.defaults().withFsync(FsyncPolicy.NEVER).withWorkers(4))) {
            q.register("noop", t -> { });
            q.register("probe", t -> {
                late[(int) next.getAndIncrement()] = System.currentTimeMillis() - ByteBuffer.wrap(t.payload()).getLong();
                done.countDown();
            });
            q.start();
            List<TaskRequest> batch = new ArrayList<>();
            long now = System.currentTimeMillis();
            for (int i = 0; i < measured; i++) {
                long delay = 200 + (2000L * i / measured);
                batch.add(new TaskRequest("probe", ByteBuffer.allocate(8).putLong(now + delay).array(), Duration.ofMillis(delay)));
            }
            q.delayAll(batch);
            done.await(60, TimeUnit.SECONDS);
        }
        return percentiles("delay-queue", background, late);
    }

    /** The same measurement on java.util.concurrent.DelayQueue with one taker thread (in memory, no durability). */
    public static Lateness jdkDelayQueue(int measured) throws InterruptedException {
        java.util.concurrent.DelayQueue<Item> q = new java.util.concurrent.DelayQueue<>();
        long now = System.currentTimeMillis();
        for (int i = 0; i < measured; i++) {
            q.add(new Item(now + 200 + (2000L * i / measured)));
        }
        long[] late = new long[measured];
        for (int i = 0; i < measured; i++) {
            late[i] = System.currentTimeMillis() - q.take().due;
        }
        return percentiles("j.u.c.DelayQueue", 0, late);
    }

    /** The same measurement on ScheduledThreadPoolExecutor with 4 threads (in memory, no durability). */
    public static Lateness scheduledExecutor(int measured) throws InterruptedException {
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(4);
        long[] late = new long[measured];
        AtomicLong next = new AtomicLong();
        CountDownLatch done = new CountDownLatch(measured);
        long now = System.currentTimeMillis();
        for (int i = 0; i < measured; i++) {
            long due = now + 200 + (2000L * i / measured);
            ex.schedule(() -> {
                late[(int) next.getAndIncrement()] = System.currentTimeMillis() - due;
                done.countDown();
            }, due - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
        }
        done.await(60, TimeUnit.SECONDS);
        ex.shutdown();
        return percentiles("ScheduledThreadPoolExecutor", 0, late);
    }

    /** A task for java.util.concurrent.DelayQueue: due at a wall-clock millisecond. */
    private record Item(long due) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(due, ((Item) o).due);
        }
    }

    private static void fill(Path dir, int pending, Duration delay) throws IOException {
        try (DelayQueue q = DelayQueue.open(dir, QueueOptions.defaults().withFsync(FsyncPolicy.NEVER))) {
            q.register("noop", t -> { });
            List<TaskRequest> batch = new ArrayList<>();
            for (int i = 0; i < pending; i++) {
                batch.add(new TaskRequest("noop", PAYLOAD, delay));
                if (batch.size() == 10_000 || i == pending - 1) {
                    q.delayAll(batch);
                    batch.clear();
                }
            }
        }
    }

    private static Lateness percentiles(String name, int background, long[] late) {
        long[] sorted = late.clone();
        Arrays.sort(sorted);
        return new Lateness(name, background, sorted.length, sorted[sorted.length / 2],
                sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)], sorted[sorted.length - 1]);
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
