package io.muxlab.harness.delay;

import io.muxlab.core.cli.ResultLine;
import io.muxlab.harness.measure.Lateness;
import io.muxlab.harness.measure.Spread;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a child JVM measured, every repeat of it, and the one line it prints for the harness to read:
 *
 * <pre>
 * delay-queue-result measure=enqueue server=batch tasks.1=137000 tasks.2=141000 seconds.1=0.5002 ... opsPerSecond.3=279100 fsyncs.3=612
 * </pre>
 *
 * A {@link ResultLine}; each figure's repeats are {@code figure.1}, {@code figure.2}, … ({@link Spread}). Keys are
 * results.json's field names; a figure a measure does not make is left out of the line and absent
 * here ({@code tasksPerCall} and {@code inFlight}, which say what was measured rather than a figure,
 * are left out and 0).
 *
 * <p>Figures: {@code tasks} (enqueue: tasks counted in the window), {@code seconds} (the window's
 * real length: it closes early at the task cap), {@code opsPerSecond}, {@code fsyncs} (of our log
 * in the window), {@code probes} (lateness: probe tasks timed), {@code p50Micros}, {@code p99Micros},
 * {@code maxMicros}, {@code recoveryMillis} (reopening our queue and replaying its log),
 * {@code heapBytesPerTask} (heap after GC with the tasks loaded, minus before, per task, minus the payload).
 *
 * @param tasksPerCall enqueue: tasks per enqueue call (1, or a {@code delayAll} of that many); else 0
 * @param inFlight enqueue: futures each producer kept in flight ({@code delayAsync}); 0 for calls that wait
 * @param figures each figure's repeats, by name
 */
record WorkloadResult(Measure measure, DelayServer server, int tasksPerCall, int inFlight, Map<String, Spread> figures) {

    static final String PREFIX = "delay-queue-result";
    static final List<String> FIGURES = List.of("tasks", "seconds", "opsPerSecond", "fsyncs", "probes", "p50Micros",
            "p99Micros", "maxMicros", "recoveryMillis", "heapBytesPerTask");

    WorkloadResult {
        figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }

    /** One enqueue point: each repeat's window; fsyncs are our log's (a reference has none, so none are reported). */
    static WorkloadResult throughput(DelayServer server, int tasksPerCall, int inFlight, List<Producers.Window> windows) {
        Map<String, Spread> f = new LinkedHashMap<>();
        f.put("tasks", Spread.of(windows.stream().mapToDouble(Producers.Window::tasks).toArray()));
        f.put("seconds", Spread.of(windows.stream().mapToDouble(Producers.Window::seconds).toArray()));
        f.put("opsPerSecond", Spread.of(windows.stream().mapToDouble(w -> w.tasks() / w.seconds()).toArray()));
        if (server.ours()) {
            f.put("fsyncs", Spread.of(windows.stream().mapToDouble(Producers.Window::counted).toArray()));
        }
        return new WorkloadResult(Measure.ENQUEUE, server, tasksPerCall, inFlight, present(f));
    }

    /** One lateness point: each repeat's probes. */
    static WorkloadResult lateness(DelayServer server, List<Lateness> repeats) {
        Map<String, Spread> f = new LinkedHashMap<>();
        f.put("probes", Spread.of(repeats.stream().mapToDouble(Lateness::count).toArray()));
        f.put("p50Micros", Spread.of(repeats.stream().mapToDouble(Lateness::p50Micros).toArray()));
        f.put("p99Micros", Spread.of(repeats.stream().mapToDouble(Lateness::p99Micros).toArray()));
        f.put("maxMicros", Spread.of(repeats.stream().mapToDouble(Lateness::maxMicros).toArray()));
        return new WorkloadResult(Measure.LATENESS, server, 0, 0, f);
    }

    /** One recovery point: each repeat's reopening time (NaN for a reference, which has none) and heap per task. */
    static WorkloadResult recovery(DelayServer server, double[] recoveryMillis, double[] heapBytesPerTask) {
        Map<String, Spread> f = new LinkedHashMap<>();
        f.put("recoveryMillis", Spread.of(recoveryMillis));
        f.put("heapBytesPerTask", Spread.of(heapBytesPerTask));
        return new WorkloadResult(Measure.RECOVERY, server, 0, 0, present(f));
    }

    /** One figure's repeats; {@link Spread#NONE} if the measure does not make it. */
    Spread figure(String name) {
        return figures.getOrDefault(name, Spread.NONE);
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
        figures.forEach((name, spread) -> spread.writeTo(line, name));
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
        List<String> unknown = fields.keySet().stream().filter(k -> FIGURES.stream().noneMatch(f -> Spread.isRepeatOf(k, f))).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("result line: unknown key(s) " + unknown + ": " + line.format());
        }
        return new WorkloadResult(Measure.byId(measure), DelayServer.byLabel(server), tasksPerCall, inFlight,
                Spread.fromFields(line, FIGURES));
    }

    /** The figures that have a value: a reference's fsyncs or recovery time, which it does not make, are left out. */
    private static Map<String, Spread> present(Map<String, Spread> figures) {
        Map<String, Spread> out = new LinkedHashMap<>();
        figures.forEach((k, v) -> {
            if (v.count() > 0) {
                out.put(k, v);
            }
        });
        return out;
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
