package io.muxlab.harness.delay;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One measurement a child JVM makes, as the section plans it and as {@link WorkloadMain}'s
 * options carry it. Fields a measure does not use are 0.
 *
 * @param producers enqueue: producer threads
 * @param tasksPerCall enqueue: tasks per call — 1 is one {@code delay} (or {@code add}/{@code schedule}) per task, more is
 *     one {@code delayAll} of that many (our queue only: the references have no batch API)
 * @param inFlight enqueue: 0 is a call that waits; more is one {@code delayAsync} per task, each producer keeping up to
 *     that many futures in flight (our queue only, one task per call)
 * @param pending lateness and recovery: tasks waiting (an hour ahead) besides the probes
 * @param probes lateness: tasks whose firing is timed
 * @param spreadMillis lateness: the probes fall due evenly over this stretch
 * @param warmupMillis enqueue: load before the counted window (every child is a cold JVM)
 * @param windowMillis enqueue: the counted window
 * @param maxTasks enqueue: the windows close early once they hold this many tasks between them (every task stays on the heap)
 * @param repeats how many times the child measures: enqueue windows after one warm-up, lateness rounds of
 *     {@code probes} over {@code spreadMillis}, reopenings of one filled queue (recovery), or footprints
 */
record WorkloadSpec(Measure measure, DelayServer server, int producers, int tasksPerCall, int inFlight, int pending, int probes,
        long spreadMillis, long warmupMillis, long windowMillis, long maxTasks, int repeats) {

    WorkloadSpec {
        if (measure == Measure.ENQUEUE && (tasksPerCall < 1 || tasksPerCall > 1 && !server.ours())) {
            throw new IllegalArgumentException("tasks per call must be 1" + (server.ours() ? " or more" : " for "
                    + server.label() + " (it has no batch API)") + ": " + tasksPerCall);
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be at least 1: " + repeats);
        }
        if (inFlight < 0 || inFlight > 0 && (measure != Measure.ENQUEUE || !server.ours() || tasksPerCall != 1)) {
            throw new IllegalArgumentException("futures in flight apply to our queue's enqueue of one task per call only: "
                    + inFlight);
        }
    }

    static WorkloadSpec enqueue(DelayServer server, int producers, int tasksPerCall, long warmupMillis, long windowMillis,
            long maxTasks) {
        return new WorkloadSpec(Measure.ENQUEUE, server, producers, tasksPerCall, 0, 0, 0, 0, warmupMillis, windowMillis, maxTasks, 1);
    }

    /** One {@code delayAsync} per task, each producer keeping up to {@code inFlight} futures in flight. */
    static WorkloadSpec enqueueAsync(DelayServer server, int producers, int inFlight, long warmupMillis, long windowMillis,
            long maxTasks) {
        return new WorkloadSpec(Measure.ENQUEUE, server, producers, 1, inFlight, 0, 0, 0, warmupMillis, windowMillis, maxTasks, 1);
    }

    static WorkloadSpec lateness(DelayServer server, int pending, int probes, long spreadMillis) {
        return new WorkloadSpec(Measure.LATENESS, server, 0, 0, 0, pending, probes, spreadMillis, 0, 0, 0, 1);
    }

    static WorkloadSpec recovery(DelayServer server, int pending) {
        return new WorkloadSpec(Measure.RECOVERY, server, 0, 0, 0, pending, 0, 0, 0, 0, 0, 1);
    }

    /** The same measurement, made {@code n} times in the child. */
    WorkloadSpec withRepeats(int n) {
        return new WorkloadSpec(measure, server, producers, tasksPerCall, inFlight, pending, probes, spreadMillis, warmupMillis,
                windowMillis, maxTasks, n);
    }

    /**
     * The progress line's name for it, e.g. {@code enqueue batch producers=256}, or
     * {@code enqueue batch producers=8 tasks/call=100} when each call carries many tasks, or
     * {@code enqueue batch producers=8 async in-flight=1000}.
     */
    String label() {
        String what = switch (measure) {
            case ENQUEUE -> "producers=" + producers + (tasksPerCall > 1 ? " tasks/call=" + tasksPerCall : "")
                    + (inFlight > 0 ? " async in-flight=" + inFlight : "");
            case LATENESS -> "pending=" + pending + " probes=" + probes;
            case RECOVERY -> "pending=" + pending;
        };
        return measure.id() + " " + server.label() + " " + what;
    }

    /** How long the child may take before it is killed: its own windows plus generous room for filling and GC. */
    long timeoutMillis() {
        return 60_000 + warmupMillis + repeats * (windowMillis + spreadMillis + pending / 10);
    }

    /** The child's options; {@code dir} is the queue directory it may use (ours only). */
    List<String> args(Path dir) {
        List<String> a = new ArrayList<>(List.of("--measure", measure.id(), "--server", server.label()));
        add(a, "producers", producers);
        add(a, "tasks-per-call", tasksPerCall);
        add(a, "in-flight", inFlight);
        add(a, "pending", pending);
        add(a, "probes", probes);
        add(a, "spread-ms", spreadMillis);
        add(a, "warmup-ms", warmupMillis);
        add(a, "window-ms", windowMillis);
        add(a, "max-tasks", maxTasks);
        add(a, "repeats", repeats);
        a.add("--dir");
        a.add(dir.toString());
        return a;
    }

    private static void add(List<String> args, String name, long value) {
        if (value != 0) {
            args.add("--" + name);
            args.add(Long.toString(value));
        }
    }
}
