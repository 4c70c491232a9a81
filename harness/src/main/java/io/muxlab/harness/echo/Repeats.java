package io.muxlab.harness.echo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Folds the repeated runs of each echo point (same scenario, server, connections, size, rate) into
 * one row of medians, in order of the point's size, the figure charts and captions use, and keeps each figure's range and how
 * many runs were client-bound or disturbed, which the tables print beside it. A median of three
 * is the middle run, so one disturbed run moves it no further than the two others allow.
 */
final class Repeats {
    private Repeats() {
    }

    /** The lowest and highest value of one figure across a point's measured runs. */
    record Range(double min, double max) {
        static Range of(List<EchoRow> runs, ToDoubleFunction<EchoRow> f) {
            double[] v = runs.stream().mapToDouble(f).filter(Double::isFinite).toArray();
            return v.length == 0 ? new Range(Double.NaN, Double.NaN)
                    : new Range(Arrays.stream(v).min().getAsDouble(), Arrays.stream(v).max().getAsDouble());
        }
    }

    /**
     * One echo point.
     *
     * @param median every figure the median of the measured runs' (the first run itself when none was measured)
     * @param runs the runs made of it
     * @param measured the runs that measured something
     * @param clientBound the measured runs whose load client was the limit
     * @param disturbed the measured runs where neither server nor client was saturated ({@link EchoRow#disturbed})
     * @param failure the first failed run's error when some failed and others did not, else null
     * @param each every run of the point, measured or not, in the order made (repeat 1 first), so
     *     that two points' repeats can be compared run by run ({@link PerRepeat})
     */
    record Point(EchoRow median, int runs, int measured, int clientBound, int disturbed, Range messages, Range cpu,
            Range p99, Range syscalls, String failure, List<EchoRow> each) {
        Point {
            each = List.copyOf(each);
        }
    }

    static List<Point> points(List<EchoRow> rows) {
        Map<List<Object>, List<EchoRow>> byPoint = new LinkedHashMap<>();
        for (EchoRow r : rows) {
            List<Object> key = List.of(r.scenario(), r.server(), r.connections(), r.active(), r.messageBytes(), r.depth(),
                    r.offeredRate());
            byPoint.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        List<Point> out = new ArrayList<>();
        byPoint.values().forEach(runs -> out.add(point(runs)));
        // Each scenario by the size of its points, whatever order they were measured in (idle goes from the largest N down).
        List<String> scenarios = out.stream().map(p -> p.median().scenario()).distinct().toList();
        out.sort(Comparator.comparingInt((Point p) -> scenarios.indexOf(p.median().scenario()))
                .thenComparingInt(p -> p.median().connections()).thenComparingInt(p -> p.median().messageBytes())
                .thenComparingDouble(p -> p.median().offeredRate()));
        return out;
    }

    private static Point point(List<EchoRow> runs) {
        List<EchoRow> ok = runs.stream().filter(EchoRow::measured).toList();
        String failure = ok.isEmpty() ? null : runs.stream().filter(r -> r.error() != null).map(EchoRow::error).findFirst().orElse(null);
        EchoRow median = ok.isEmpty() ? runs.get(0) : median(ok);
        return new Point(median, runs.size(), ok.size(), (int) ok.stream().filter(EchoRow::clientBound).count(),
                (int) ok.stream().filter(EchoRow::disturbed).count(), Range.of(ok, EchoRow::messagesPerSecond),
                Range.of(ok, EchoRow::serverCpuMicrosPerMessage), Range.of(ok, EchoRow::p99Micros),
                Range.of(ok, EchoRow::syscallsPerMessage), failure, runs);
    }

    /**
     * Each figure's median; the syscalls by name are those of the run with the median syscalls per
     * message, and the memory that of the run made on a fresh process, the one whose figure per
     * idle connection means something ({@link ConnectionMemory#warm}), else the median run's.
     */
    private static EchoRow median(List<EchoRow> ok) {
        EchoRow first = ok.get(0);
        EchoRow middle = ok.stream().sorted((a, b) -> Double.compare(a.syscallsPerMessage(), b.syscallsPerMessage()))
                .toList().get(ok.size() / 2);
        ConnectionMemory memory = ok.stream().map(EchoRow::memory).filter(m -> Double.isFinite(m.rssPerIdleConnection()))
                .findFirst().orElse(middle.memory());
        return new EchoRow(first.scenario(), first.server(), first.kind(), first.connections(), first.active(),
                first.messageBytes(), first.depth(), first.offeredRate(), m(ok, EchoRow::messagesPerSecond),
                m(ok, EchoRow::megabytesPerSecond), m(ok, EchoRow::p50Micros), m(ok, EchoRow::p90Micros),
                m(ok, EchoRow::p99Micros), m(ok, EchoRow::p999Micros), m(ok, EchoRow::maxMicros),
                m(ok, EchoRow::serverCpuMicrosPerMessage), m(ok, EchoRow::serverCores), m(ok, EchoRow::syscallsPerMessage),
                middle.syscalls(), middle.syscallsInWindow(), m(ok, EchoRow::clientCores), first.clientThreads(), first.jvm(),
                memory, 0, null, null);
    }

    /** The median of the finite values (the mean of the middle two for an even count); NaN if there are none. */
    static double m(List<EchoRow> rows, ToDoubleFunction<EchoRow> f) {
        double[] v = rows.stream().mapToDouble(f).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }
}
