package io.muxlab.harness.delay;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a child JVM measured, and the one line it prints for the harness to read:
 *
 * <pre>
 * delay-queue-result measure=enqueue server=batch tasksPerCall=1 tasks=412345 seconds=1.5012 opsPerSecond=274677.6 fsyncs=1893
 * </pre>
 *
 * Keys are results.json's field names; a figure a measure does not make is left out of the line
 * and NaN here ({@code tasksPerCall}, which says what was measured rather than a figure, is left
 * out and 0). Values are plain numbers (no units, no thousands separators, {@link Locale#ROOT}).
 *
 * @param tasksPerCall enqueue: tasks per enqueue call (1, or a {@code delayAll} of that many); else 0
 * @param tasks enqueue: tasks counted in the window
 * @param seconds enqueue: the window's real length (it closes early at the task cap)
 * @param fsyncs enqueue: fsyncs of the log in the window (ours)
 * @param probes lateness: probe tasks timed
 * @param recoveryMillis recovery: time to reopen the queue and replay its log (ours)
 * @param heapBytesPerTask recovery: heap after GC with the tasks loaded, minus before, per task, minus the payload
 */
record WorkloadResult(Measure measure, DelayServer server, int tasksPerCall, double tasks, double seconds, double opsPerSecond,
        double fsyncs, double probes, double p50Micros, double p99Micros, double maxMicros, double recoveryMillis,
        double heapBytesPerTask) {

    static final String PREFIX = "delay-queue-result";
    private static final List<String> FIGURES = List.of("tasks", "seconds", "opsPerSecond", "fsyncs", "probes", "p50Micros",
            "p99Micros", "maxMicros", "recoveryMillis", "heapBytesPerTask");

    static WorkloadResult throughput(DelayServer server, int tasksPerCall, long tasks, double seconds, double fsyncs) {
        double nan = Double.NaN;
        return new WorkloadResult(Measure.ENQUEUE, server, tasksPerCall, tasks, seconds, tasks / seconds, fsyncs, nan, nan, nan,
                nan, nan, nan);
    }

    static WorkloadResult lateness(DelayServer server, int probes, double p50Micros, double p99Micros, double maxMicros) {
        double nan = Double.NaN;
        return new WorkloadResult(Measure.LATENESS, server, 0, nan, nan, nan, nan, probes, p50Micros, p99Micros, maxMicros, nan, nan);
    }

    static WorkloadResult recovery(DelayServer server, double recoveryMillis, double heapBytesPerTask) {
        double nan = Double.NaN;
        return new WorkloadResult(Measure.RECOVERY, server, 0, nan, nan, nan, nan, nan, nan, nan, nan, recoveryMillis,
                heapBytesPerTask);
    }

    /** The line the child prints. */
    String line() {
        StringBuilder sb = new StringBuilder(PREFIX).append(" measure=").append(measure.id()).append(" server=").append(server.label());
        if (tasksPerCall != 0) {
            sb.append(" tasksPerCall=").append(tasksPerCall);
        }
        double[] values = values();
        for (int i = 0; i < FIGURES.size(); i++) {
            if (!Double.isNaN(values[i])) {
                sb.append(' ').append(FIGURES.get(i)).append('=').append(String.format(Locale.ROOT, "%.4f", values[i])
                        .replaceAll("\\.?0+$", ""));
            }
        }
        return sb.toString();
    }

    /**
     * Reads a line printed by {@link #line()}.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    static WorkloadResult parse(String line) {
        String[] tokens = line.trim().split("\\s+");
        if (!tokens[0].equals(PREFIX)) {
            throw new IllegalArgumentException("not a result line (it should start with '" + PREFIX + "'): " + line);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 1; i < tokens.length; i++) {
            int eq = tokens[i].indexOf('=');
            if (eq <= 0 || fields.put(tokens[i].substring(0, eq), tokens[i].substring(eq + 1)) != null) {
                throw new IllegalArgumentException("result line: '" + tokens[i] + "' is not a new key=value: " + line);
            }
        }
        String measure = fields.remove("measure");
        String server = fields.remove("server");
        if (measure == null || server == null) {
            throw new IllegalArgumentException("result line without measure= and server=: " + line);
        }
        String perCall = fields.remove("tasksPerCall");
        int tasksPerCall = perCall == null ? 0 : count("tasksPerCall", perCall, line);
        double[] v = new double[FIGURES.size()];
        for (int i = 0; i < v.length; i++) {
            String text = fields.remove(FIGURES.get(i));
            v[i] = text == null ? Double.NaN : number(FIGURES.get(i), text, line);
        }
        if (!fields.isEmpty()) {
            throw new IllegalArgumentException("result line: unknown key(s) " + fields.keySet() + ": " + line);
        }
        return new WorkloadResult(Measure.byId(measure), DelayServer.byLabel(server), tasksPerCall, v[0], v[1], v[2], v[3], v[4],
                v[5], v[6], v[7], v[8], v[9]);
    }

    private double[] values() {
        return new double[] {tasks, seconds, opsPerSecond, fsyncs, probes, p50Micros, p99Micros, maxMicros, recoveryMillis,
            heapBytesPerTask};
    }

    private static int count(String key, String text, String line) {
        try {
            int n = Integer.parseInt(text);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("result line: " + key + "=" + text + " is not a positive whole number: " + line);
        }
    }

    private static double number(String key, String text, String line) {
        try {
            double d = Double.parseDouble(text);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("result line: " + key + "=" + text + " is not a number: " + line);
        }
    }
}
