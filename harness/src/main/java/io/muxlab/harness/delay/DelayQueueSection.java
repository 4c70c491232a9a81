package io.muxlab.harness.delay;

import io.muxlab.delay.QueueOptions;
import io.muxlab.harness.format.Charts;
import io.muxlab.harness.launch.ChildJvm;
import io.muxlab.harness.section.PlannedRun;
import io.muxlab.harness.section.Row;
import io.muxlab.harness.section.Section;
import io.muxlab.harness.section.Settings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The durable delay queue against the JDK's in-memory delay queues: enqueue throughput per fsync
 * policy with many producers (blocking, batched and asynchronous calls), firing lateness among
 * many pending tasks, and recovery time and heap per pending task — each run in a child JVM of its own ({@link DelayRun}). The enqueue window and
 * warm-up are the harness's {@code --duration} and {@code --warmup}; the rest is fixed per plan.
 */
public final class DelayQueueSection implements Section {
    static final List<DelayServer> ENQUEUE_SERVERS = List.of(DelayServer.values());
    /** Tasks per {@code delayAll} call in the batched enqueue rows (ours only: the references have no batch API). */
    static final int TASKS_PER_CALL = 100;
    /** Futures each producer keeps in flight in the asynchronous rows: enough to fill whole groups, bounded on the heap. */
    static final int IN_FLIGHT = 1000;
    /** Lateness: the default policy, the policy without fsync (the wheel alone), and the references. */
    static final List<DelayServer> LATENESS_SERVERS = List.of(DelayServer.BATCH, DelayServer.NEVER, DelayServer.JDK_DELAY_QUEUE,
            DelayServer.SCHEDULED_EXECUTOR);

    /**
     * How many of what; the quick plan is a reduced one (10 000 pending instead of 1 000 000, short
     * windows, one batched row, one asynchronous row, every point measured once). Every server
     * enqueues one task per blocking call at each of {@code producers}; then {@code batchedServers}
     * (our policies) with {@code batchedProducers} threads calling {@code delayAll} with
     * {@link #TASKS_PER_CALL} tasks; then {@code asyncServers} with as many threads calling
     * {@code delayAsync}, each keeping {@link #IN_FLIGHT} futures in flight. Each child measures its
     * point {@code repeats} times (see {@link WorkloadSpec#repeats}): the enqueue window
     * ({@code --duration}) is split between them, each lateness round is {@code probes} over
     * {@code spreadMillis}. A child's start, warm-up and filling cost more than its windows, so
     * repeats in one warm process keep the section as short as one measurement each, where as many
     * child JVMs would triple it.
     */
    record Plan(List<Integer> producers, List<DelayServer> batchedServers, int batchedProducers, List<DelayServer> asyncServers,
            long maxTasks,
            List<Integer> latenessPending, int probes, long spreadMillis, List<Integer> recoveryPending, int footprintPending,
            int repeats) {
        static Plan of(boolean quick) {
            return quick
                    ? new Plan(List.of(256), List.of(DelayServer.BATCH), 8, List.of(DelayServer.BATCH), 1_000_000,
                            List.of(10_000), 300, 300, List.of(10_000), 10_000, 1)
                    : new Plan(List.of(8, 256), List.of(DelayServer.ALWAYS, DelayServer.BATCH, DelayServer.NEVER), 8,
                            List.of(DelayServer.BATCH), 4_000_000, List.of(1_000, 1_000_000), 700, 700,
                            List.of(100_000, 1_000_000), 1_000_000, 3);
        }
    }

    @Override
    public String id() {
        return DelayRow.SCENARIO;
    }

    @Override
    public String title() {
        return "Durable delay queue vs the JDK's in-memory delay queues";
    }

    /** The queue's default tick, which every run of ours uses and the lateness target counts in. */
    static long tickMillis() {
        return QueueOptions.defaults().tick().toMillis();
    }

    @Override
    public List<String> childJvmFlags() {
        return ChildJvm.WORKLOAD.flags();
    }

    @Override
    public List<PlannedRun> plan(Settings s) {
        List<PlannedRun> runs = new ArrayList<>();
        for (WorkloadSpec spec : specs(Plan.of(s.quick()), s.warmupNanos() / 1_000_000, s.measureNanos() / 1_000_000)) {
            runs.add(new DelayRun(spec, tickMillis()));
        }
        return runs;
    }

    /** The children to run; {@code windowMillis} is the whole enqueue window, which the repeats share. */
    static List<WorkloadSpec> specs(Plan p, long warmupMillis, long windowMillis) {
        long each = Math.max(1, windowMillis / p.repeats());
        List<WorkloadSpec> out = new ArrayList<>();
        for (int producers : p.producers()) {
            for (DelayServer server : ENQUEUE_SERVERS) {
                out.add(WorkloadSpec.enqueue(server, producers, 1, warmupMillis, each, p.maxTasks()));
            }
        }
        for (DelayServer server : p.batchedServers()) {
            out.add(WorkloadSpec.enqueue(server, p.batchedProducers(), TASKS_PER_CALL, warmupMillis, each, p.maxTasks()));
        }
        for (DelayServer server : p.asyncServers()) {
            out.add(WorkloadSpec.enqueueAsync(server, p.batchedProducers(), IN_FLIGHT, warmupMillis, each, p.maxTasks()));
        }
        for (int pending : p.latenessPending()) {
            for (DelayServer server : LATENESS_SERVERS) {
                out.add(WorkloadSpec.lateness(server, pending, p.probes(), p.spreadMillis()));
            }
        }
        for (int pending : p.recoveryPending()) {
            out.add(WorkloadSpec.recovery(DelayServer.BATCH, pending));
        }
        out.add(WorkloadSpec.recovery(DelayServer.JDK_DELAY_QUEUE, p.footprintPending()));
        out.add(WorkloadSpec.recovery(DelayServer.SCHEDULED_EXECUTOR, p.footprintPending()));
        return out.stream().map(spec -> spec.withRepeats(p.repeats())).toList();
    }

    @Override
    public String render(List<Row> rows, Charts charts, Settings settings) throws IOException {
        List<DelayRow> mine = new ArrayList<>();
        for (Row r : rows) {
            if (r instanceof DelayRow d) {
                mine.add(d);
            }
        }
        return new DelayReport(mine, charts, settings, tickMillis()).html();
    }
}
