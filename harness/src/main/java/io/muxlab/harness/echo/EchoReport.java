package io.muxlab.harness.echo;

import io.muxlab.harness.launch.Contender;
import io.muxlab.harness.launch.Contenders;
import io.muxlab.harness.format.Charts;
import io.muxlab.harness.format.Fmt;
import io.muxlab.harness.format.Html;
import io.muxlab.harness.format.Unit;
import io.muxlab.harness.section.Row;
import io.muxlab.harness.section.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** What the echo sections share when they render: series per server, the table, notes. */
final class EchoReport {
    private EchoReport() {
    }

    /** The echo rows' points, each point's repeats folded into one ({@link Repeats}). */
    static List<Repeats.Point> points(List<Row> rows) {
        List<EchoRow> out = new ArrayList<>();
        for (Row r : rows) {
            if (r instanceof EchoRow e) {
                out.add(e);
            }
        }
        return Repeats.points(out);
    }

    /** One row per echo point: the medians of its repeats, which the charts and captions draw on. */
    static List<EchoRow> echoRows(List<Row> rows) {
        return points(rows).stream().map(Repeats.Point::median).toList();
    }

    /**
     * One series per contender, in the settings' order, from its measured points: their medians,
     * and with {@code range} (null for none) each point's whisker across its repeats.
     */
    static List<Charts.Series> series(Settings s, List<Repeats.Point> points, ToDoubleFunction<EchoRow> x,
            ToDoubleFunction<EchoRow> y, Function<Repeats.Point, Repeats.Range> range) {
        List<Charts.Series> out = new ArrayList<>();
        for (Contender c : s.contenders()) {
            List<Repeats.Point> mine = measured(points, c);
            double[] xs = mine.stream().map(Repeats.Point::median).mapToDouble(x).toArray();
            double[] ys = mine.stream().map(Repeats.Point::median).mapToDouble(y).toArray();
            String name = c.descriptorLimit() > 0 ? c.name() + " (≤ FD_SETSIZE)" : c.name();
            Charts.Series series = look(new Charts.Series(name, xs, ys), c);
            out.add(range == null || !spread(mine) ? series : series.ranged(
                    mine.stream().map(range).mapToDouble(Repeats.Range::min).toArray(),
                    mine.stream().map(range).mapToDouble(Repeats.Range::max).toArray()));
        }
        return out;
    }

    /** One bar per contender that has a measured point with a finite value, with its whisker if {@code range} is given. */
    static List<Charts.Bar> bars(Settings s, List<Repeats.Point> points, ToDoubleFunction<EchoRow> value,
            Function<Repeats.Point, Repeats.Range> range) {
        List<Charts.Bar> out = new ArrayList<>();
        for (Contender c : s.contenders()) {
            measured(points, c).stream().filter(p -> Double.isFinite(value.applyAsDouble(p.median()))).findFirst()
                    .ifPresent(p -> out.add(bar(new Charts.Bar(c.name(), value.applyAsDouble(p.median())), c, p, range)));
        }
        return out;
    }

    /** Syscalls per message, one bar per contender whose calls were counted over the window. */
    static List<Charts.Bar> syscallBars(Settings s, List<Repeats.Point> points) {
        List<Charts.Bar> out = new ArrayList<>();
        for (Contender c : s.contenders()) {
            measured(points, c).stream().filter(p -> p.median().syscallsCounted()).findFirst()
                    .ifPresent(p -> out.add(bar(new Charts.Bar(c.name(), p.median().syscallsPerMessage()), c, p,
                            Repeats.Point::syscalls)));
        }
        return out;
    }

    private static List<Repeats.Point> measured(List<Repeats.Point> points, Contender c) {
        return points.stream().filter(p -> p.median().server().equals(c.name()) && p.median().measured()).toList();
    }

    /** Whether any of the points was measured more than once, so that it has a spread to draw. */
    private static boolean spread(List<Repeats.Point> points) {
        return points.stream().anyMatch(p -> p.measured() > 1);
    }

    private static Charts.Bar bar(Charts.Bar b, Contender c, Repeats.Point p, Function<Repeats.Point, Repeats.Range> range) {
        Charts.Bar drawn = look(b, c);
        return range == null || p.measured() < 2 ? drawn : drawn.ranged(range.apply(p).min(), range.apply(p).max());
    }

    /** Ours solid, peers dashed, the C twins dotted in the colour of the server each mirrors, external commands apart. */
    private static Charts.Series look(Charts.Series s, Contender c) {
        return s.as(kind(c), Contenders.twinOf(c.name()).orElse(c.name()));
    }

    private static Charts.Bar look(Charts.Bar b, Contender c) {
        return b.as(kind(c), Contenders.twinOf(c.name()).orElse(c.name()));
    }

    private static Charts.Kind kind(Contender c) {
        if (Contenders.twinOf(c.name()).isPresent()) {
            return Charts.Kind.TWIN;
        }
        return switch (c.kind()) {
            case OURS -> Charts.Kind.OURS;
            case PEER -> Charts.Kind.PEER;
            case EXTERNAL -> Charts.Kind.EXTERNAL;
        };
    }

    /**
     * Every point with every figure: the median of its runs, and for throughput, CPU, p99 and
     * syscalls the range across them; notes, errors and how many runs were client-bound or
     * disturbed in the last column.
     */
    static String table(List<Repeats.Point> points) {
        List<String> header = List.of("server", "connections", "active", "bytes", "offered/s", "runs", "msg/s", "MB/s", "p50",
                "p90", "p99", "p99.9", "max", "server µs CPU/msg", "server cores", "syscalls/msg", "syscalls/wait",
                "client cores", "note / error");
        List<List<String>> cells = new ArrayList<>();
        for (Repeats.Point p : points) {
            EchoRow r = p.median();
            boolean spread = p.measured() > 1;
            cells.add(List.of(r.server(), Integer.toString(r.connections()), Integer.toString(r.active()),
                    Integer.toString(r.messageBytes()), r.offeredRate() > 0 ? Fmt.count(r.offeredRate()) : "closed",
                    p.measured() == p.runs() ? Integer.toString(p.runs()) : p.measured() + " of " + p.runs(),
                    withRange(Fmt.count(r.messagesPerSecond()), spread, Fmt.count(p.messages().min()), Fmt.count(p.messages().max())),
                    Fmt.decimal(r.megabytesPerSecond(), 1),
                    Fmt.micros(r.p50Micros()), Fmt.micros(r.p90Micros()),
                    withRange(Fmt.micros(r.p99Micros()), spread, Unit.MICROS.label(p.p99().min()), Unit.MICROS.label(p.p99().max())),
                    Fmt.micros(r.p999Micros()), Fmt.micros(r.maxMicros()),
                    withRange(Fmt.decimal(r.serverCpuMicrosPerMessage(), 2), spread, Fmt.si(p.cpu().min()), Fmt.si(p.cpu().max())),
                    Fmt.decimal(r.serverCores(), 2),
                    withRange(r.syscallsPerMessageText(), spread && Double.isFinite(p.syscalls().min()),
                            Fmt.decimal(p.syscalls().min(), 2), Fmt.decimal(p.syscalls().max(), 2)),
                    Fmt.decimal(r.syscallsPerWait(), 2), Fmt.decimal(r.clientCores(), 2), note(p)));
        }
        return Html.table(header, cells);
    }

    /** The median, and beneath it (a line printed small) the range of the repeats, three digits each to stay narrow. */
    private static String withRange(String median, boolean spread, String min, String max) {
        return spread ? median + "\n" + min + "–" + max : median;
    }

    private static String note(Repeats.Point p) {
        EchoRow r = p.median();
        if (p.measured() == 0) {
            return r.error() != null ? "ERROR: " + r.error() : r.note() != null ? r.note() : "";
        }
        List<String> parts = new ArrayList<>();
        if (p.clientBound() > 0) {
            parts.add(p.runs() == 1 ? "client-bound" : "client-bound in " + p.clientBound() + " of " + p.measured());
        }
        if (p.disturbed() > 0) {
            parts.add(p.runs() == 1 ? "disturbed" : "disturbed in " + p.disturbed() + " of " + p.measured());
        }
        if (p.failure() != null) {
            parts.add("ERROR in " + (p.runs() - p.measured()) + " of " + p.runs() + ": " + p.failure());
        }
        return String.join("; ", parts);
    }

    /**
     * A warning when most measured runs were client-bound (then the chart may compare the client, not
     * the servers), and a count of disturbed runs when there are any.
     */
    static String clientBoundNote(List<Repeats.Point> points) {
        int measured = points.stream().mapToInt(Repeats.Point::measured).sum();
        int bound = points.stream().mapToInt(Repeats.Point::clientBound).sum();
        int disturbed = points.stream().mapToInt(Repeats.Point::disturbed).sum();
        StringBuilder h = new StringBuilder();
        if (measured > 0 && bound * 2 >= measured) {
            h.append("<p class=\"note\">").append(bound).append(" of ").append(measured).append(" runs kept the load client's ")
                    .append("thread(s) busy over 90% of the window: there the client, not the server, may have set the pace. ")
                    .append("Compare the servers by CPU per message (fixed offered load below) and by the idle-descriptor ")
                    .append("chart.</p>\n");
        }
        if (disturbed > 0) {
            h.append("<p class=\"note\">").append(disturbed).append(" of ").append(measured).append(" runs were disturbed: ")
                    .append("work was always queued, yet neither the server nor the client was busy, so something else held ")
                    .append("the CPU; the table says which.</p>\n");
        }
        return h.toString();
    }
}
