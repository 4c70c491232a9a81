package io.muxlab.harness.delay;

import io.muxlab.delay.DelayQueue;
import io.muxlab.delay.QueueOptions;
import io.muxlab.delay.TaskRequest;
import io.muxlab.delay.log.FsyncPolicy;
import io.muxlab.harness.measure.Lateness;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The delay queue's workloads, written against its public API only: enqueue throughput per fsync
 * policy with many producers (blocking, batched or asynchronous calls), firing lateness among many
 * pending tasks, and recovery time and heap per pending task. Each returns a result; none prints.
 * Options are the queue's defaults (10 ms tick, 4 workers, {@code batch}) except where a workload
 * says otherwise.
 */
final class DelayQueueWorkloads {
    private static final byte[] PAYLOAD = new byte[Measurements.PAYLOAD_BYTES];
    private static final Duration HOUR = Duration.ofHours(1);
    /** The first probe is due this long after the probes are enqueued, so none is due before it is in. */
    static final long PROBE_LEAD_MILLIS = 100;
    private static final int FILL_BATCH = 10_000;

    private DelayQueueWorkloads() {
    }

    /**
     * Producers enqueue tasks (an hour ahead, 16-byte payload) as fast as they can: one {@code delay}
     * per task; with {@code tasksPerCall} above 1 one {@code delayAll} of that many, which waits for
     * durability once for all of them; with {@code inFlight} above 0 one {@code delayAsync} per task,
     * each producer keeping up to that many futures in flight ({@link InFlight}).
     */
    static WorkloadResult enqueue(Path dir, DelayServer server, int producers, int tasksPerCall, int inFlight,
            long warmupMillis, long windowMillis, long maxTasks, int repeats) throws Exception {
        // The same requests every call: delayAll reads them and keeps nothing of the list.
        List<TaskRequest> call = Collections.nCopies(tasksPerCall, new TaskRequest("noop", PAYLOAD, HOUR));
        try (DelayQueue q = DelayQueue.open(dir, QueueOptions.defaults().withFsync(server.policy()))) {
            q.register("noop", t -> { });
            Supplier<Producers.Operation> perProducer;
            if (inFlight > 0) {
                perProducer = () -> new InFlight(() -> q.delayAsync("noop", PAYLOAD, HOUR), inFlight);
            } else if (tasksPerCall == 1) {
                perProducer = () -> () -> {
                    q.delay("noop", PAYLOAD, HOUR);
                    return 1;
                };
            } else {
                perProducer = () -> () -> q.delayAll(call).length;
            }
            List<Producers.Window> windows = Producers.run(producers, perProducer, warmupMillis, windowMillis, maxTasks,
                    () -> q.stats().fsyncs(), repeats);
            return WorkloadResult.throughput(server, tasksPerCall, inFlight, windows);
        }
    }

    /**
     * With {@code pending} tasks waiting an hour, {@code repeats} rounds one after another, each of
     * {@code probes} tasks due evenly over the next {@code spreadMillis}, record how late they ran:
     * from the wall-clock millisecond the queue says each was due ({@link io.muxlab.delay.Task#dueMillis};
     * it reads its clock inside the enqueue call, a few milliseconds after this thread could in a
     * cold JVM) to the microsecond the handler started.
     */
    static WorkloadResult lateness(Path dir, DelayServer server, int pending, int probes, long spreadMillis, int repeats)
            throws Exception {
        List<Lateness> rounds = new ArrayList<>();
        try (DelayQueue q = DelayQueue.open(dir, QueueOptions.defaults().withFsync(server.policy()))) {
            q.register("noop", t -> { });
            AtomicReference<Round> round = new AtomicReference<>();
            q.register("probe", t -> round.get().record(epochMicros() - t.dueMillis() * 1000));
            add(q, pending, HOUR);
            q.start();
            List<TaskRequest> batch = new ArrayList<>(probes);
            for (int i = 0; i < probes; i++) {
                batch.add(new TaskRequest("probe", PAYLOAD, Duration.ofMillis(PROBE_LEAD_MILLIS + spreadMillis * i / probes)));
            }
            for (int r = 0; r < repeats; r++) {
                Round current = new Round(probes);
                round.set(current);
                q.delayAll(batch);
                rounds.add(current.await(spreadMillis + 30_000));
            }
        }
        return WorkloadResult.lateness(server, rounds);
    }

    /** One round of probes: each handler stores its lateness; the round ends when all have run. */
    private static final class Round {
        private final long[] late;
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch done;

        Round(int probes) {
            late = new long[probes];
            done = new CountDownLatch(probes);
        }

        void record(long lateMicros) {
            late[next.getAndIncrement()] = lateMicros;
            done.countDown();
        }

        /** The round's lateness once every probe ran; the latch orders every handler's write before the read. */
        Lateness await(long timeoutMillis) throws InterruptedException {
            if (!done.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("only " + (late.length - done.getCount()) + " of " + late.length
                        + " probes fired within " + timeoutMillis + " ms");
            }
            return Lateness.ofMicros(late);
        }
    }

    /**
     * Fills a queue with {@code pending} tasks, closes it, and measures reopening it, {@code repeats}
     * times over the same log: time and heap.
     */
    static WorkloadResult recovery(Path dir, DelayServer server, int pending, int repeats) throws Exception {
        fill(dir, pending);
        double[] millis = new double[repeats];
        double[] perTask = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            double[] one = reopen(dir, server, pending);
            millis[r] = one[0];
            perTask[r] = one[1];
        }
        return WorkloadResult.recovery(server, millis, perTask);
    }

    /**
     * Reopens a filled queue: its recovery time in ms and heap per task. A method of its own, as
     * {@link #fill} is, so the queue of one repeat is not reachable from the caller's frame when
     * the next measures the heap before it.
     */
    private static double[] reopen(Path dir, DelayServer server, int pending) throws Exception {
        long before = Measurements.usedHeapAfterGc();
        try (DelayQueue q = DelayQueue.open(dir, QueueOptions.defaults().withFsync(server.policy()))) {
            long after = Measurements.usedHeapAfterGc();
            if (q.stats().pending() != pending) {
                throw new IllegalStateException("recovered " + q.stats().pending() + " of " + pending + " pending tasks");
            }
            return new double[] {q.recoveryTime().toNanos() / 1e6, (double) (after - before) / pending - PAYLOAD.length};
        }
    }

    /**
     * Fills and closes a queue. A method of its own so nothing of the closed queue stays reachable
     * from the caller's frame (an interpreted frame keeps a dead local alive) when the heap is measured.
     */
    private static void fill(Path dir, int pending) throws IOException {
        try (DelayQueue q = DelayQueue.open(dir, QueueOptions.defaults().withFsync(FsyncPolicy.NEVER))) {
            q.register("noop", t -> { });
            add(q, pending, HOUR);
        }
    }

    /** Adds {@code n} tasks in batches (one durability wait per batch). */
    private static void add(DelayQueue q, int n, Duration delay) {
        List<TaskRequest> batch = new ArrayList<>(Math.min(n, FILL_BATCH));
        for (int i = 0; i < n; i++) {
            batch.add(new TaskRequest("noop", PAYLOAD, delay));
            if (batch.size() == FILL_BATCH || i == n - 1) {
                q.delayAll(batch);
                batch.clear();
            }
        }
    }

    private static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }
}
