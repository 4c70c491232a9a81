package io.muxlab.harness.delay;

import io.muxlab.core.cli.ResultLine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a child JVM measured, and the one line it prints for the harness to read:
 *
 * <pre>
 * delay-queue-result measure=enqueue server=batch tasksPerCall=1 tasks=412345 seconds=1.5012 opsPerSecond=274677.6 fsyncs=1893
 * </pre>
 *
 * A {@link ResultLine}. Keys are results.json's field names; a figure a measure does not make is
 * left out of the line and NaN here ({@code tasksPerCall} and {@code inFlight}, which say what was
 * measured rather than a figure, are left out and 0).
 *
 * @param tasksPerCall enqueue: tasks per enqueue call (1, or a {@code delayAll} of that many); else 0
 * @param inFlight enqueue: futures each producer kept in flight ({@code delayAsync}); 0 for calls that wait
 * @param tasks enqueue: tasks counted in the window
 * @param seconds enqueue: the window's real length (it closes early at the task cap)
 * @param fsyncs enqueue: fsyncs of the log in the window (ours)
 * @param probes lateness: probe tasks timed
 * @param recoveryMillis recovery: time to reopen the queue and replay its log (ours)
 * @param heapBytesPerTask recovery: heap after GC with the tasks loaded, minus before, per task, minus the payload
 */
record WorkloadResult(Measure measure, DelayServer server, int tasksPerCall, int inFlight, double tasks, double seconds, double opsPerSecond,
        double fsyncs, double probes, double p50Micros, double p99Micros, double maxMicros, double recoveryMillis,
        double heapBytesPerTask) {

    static final String PREFIX = "delay-queue-result";
    private static final List<String> FIGURES = List.of("tasks", "seconds", "opsPerSecond", "fsyncs", "probes", "p50Micros",
            "p99Micros", "maxMicros", "recoveryMillis", "heapBytesPerTask");

    static WorkloadResult throughput(DelayServer server, int tasksPerCall, int inFlight, long tasks, double seconds,
            double fsyncs) {
        double nan = Double.NaN;
        return new WorkloadResult(Measure.ENQUEUE, server, tasksPerCall, inFlight, tasks, seconds, tasks / seconds, fsyncs, nan, nan, nan,
                nan, nan, nan);
    }

    static WorkloadResult lateness(DelayServer server, int probes, double p50Micros, double p99Micros, double maxMicros) {
        double nan = Double.NaN;
        return new WorkloadResult(Measure.LATENESS, server, 0, 0, nan, nan, nan, nan, probes, p50Micros, p99Micros, maxMicros, nan, nan);
    }

    static WorkloadResult recovery(DelayServer server, double recoveryMillis, double heapBytesPerTask) {
        double nan = Double.NaN;
        return new WorkloadResult(Measure.RECOVERY, server, 0, 0, nan, nan, nan, nan, nan, nan, nan, nan, recoveryMillis,
                heapBytesPerTask);
    }

    /** The line the child prints. */
    String line() {
        ResultLine.Builder line = ResultLine.builder(PREFIX).text("measure", measure.id()).text("server", server.label());
        if (tasksPerCall != 0) {
            line.count("tasksPerCall", tasksPerCall);
        }
        if (inFlight != 0) {
            line.count("inFlight", inFlight);
        }
        double[] values = values();
        for (int i = 0; i < FIGURES.size(); i++) {
            line.number(FIGURES.get(i), values[i]);
        }
        return line.build().format();
    }

    /**
     * Reads a line printed by {@link #line()}.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    static WorkloadResult parse(String text) {
        return of(ResultLine.parse(PREFIX, text));
    }

    /** The result in {@code line}, which must be a complete one with nothing unknown in it. */
    static WorkloadResult of(ResultLine line) {
        Map<String, String> fields = new LinkedHashMap<>(line.fields());
        String measure = fields.remove("measure");
        String server = fields.remove("server");
        if (measure == null || server == null) {
            throw new IllegalArgumentException("result line without measure= and server=: " + line.format());
        }
        String perCall = fields.remove("tasksPerCall");
        int tasksPerCall = perCall == null ? 0 : positive(line, "tasksPerCall");
        int inFlight = fields.remove("inFlight") == null ? 0 : positive(line, "inFlight");
        double[] v = new double[FIGURES.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = fields.remove(FIGURES.get(i)) == null ? Double.NaN : line.number(FIGURES.get(i));
        }
        if (!fields.isEmpty()) {
            throw new IllegalArgumentException("result line: unknown key(s) " + fields.keySet() + ": " + line.format());
        }
        return new WorkloadResult(Measure.byId(measure), DelayServer.byLabel(server), tasksPerCall, inFlight, v[0], v[1], v[2], v[3], v[4],
                v[5], v[6], v[7], v[8], v[9]);
    }

    private double[] values() {
        return new double[] {tasks, seconds, opsPerSecond, fsyncs, probes, p50Micros, p99Micros, maxMicros, recoveryMillis,
            heapBytesPerTask};
    }

    private static int positive(ResultLine line, String key) {
        String text = line.text(key);
        try {
            int n = Integer.parseInt(text);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the line
        }
        throw new IllegalArgumentException("result line: " + key + "=" + text + " is not a positive whole number: " + line.format());
    }
}
