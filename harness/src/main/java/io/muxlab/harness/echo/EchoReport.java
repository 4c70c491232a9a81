package io.muxlab.harness.echo;

import io.muxlab.harness.launch.Contender;
import io.muxlab.harness.format.Charts;
import io.muxlab.harness.format.Fmt;
import io.muxlab.harness.format.Html;
import io.muxlab.harness.section.Row;
import io.muxlab.harness.section.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** What the echo sections share when they render: series per server, the table, notes. */
final class EchoReport {
    private EchoReport() {
    }

    static List<EchoRow> echoRows(List<Row> rows) {
        List<EchoRow> out = new ArrayList<>();
        for (Row r : rows) {
            if (r instanceof EchoRow e) {
                out.add(e);
            }
        }
        return out;
    }

    /** One series per contender, in the settings' order, from its measured rows. */
    static List<Charts.Series> series(Settings s, List<EchoRow> rows, ToDoubleFunction<EchoRow> x, ToDoubleFunction<EchoRow> y) {
        List<Charts.Series> out = new ArrayList<>();
        for (Contender c : s.contenders()) {
            List<EchoRow> mine = rows.stream().filter(r -> r.server().equals(c.name()) && r.measured()).toList();
            double[] xs = mine.stream().mapToDouble(x).toArray();
            double[] ys = mine.stream().mapToDouble(y).toArray();
            String name = c.descriptorLimit() > 0 ? c.name() + " (≤ FD_SETSIZE)" : c.name();
            out.add(new Charts.Series(name, xs, ys));
        }
        return out;
    }

    /** One bar per contender that has a measured row with a finite value. */
    static List<Charts.Bar> bars(Settings s, List<EchoRow> rows, ToDoubleFunction<EchoRow> value) {
        List<Charts.Bar> out = new ArrayList<>();
        for (Contender c : s.contenders()) {
            rows.stream().filter(r -> r.server().equals(c.name()) && r.measured())
                    .mapToDouble(value).filter(Double::isFinite).findFirst()
                    .ifPresent(v -> out.add(new Charts.Bar(c.name(), v)));
        }
        return out;
    }

    /** Every row with every figure; notes and errors in the last column. */
    static String table(List<EchoRow> rows) {
        List<String> header = List.of("server", "connections", "active", "bytes", "offered/s", "msg/s", "MB/s", "p50", "p90",
                "p99", "p99.9", "max", "server µs CPU/msg", "server cores", "syscalls/msg", "syscalls/wait", "client cores", "note / error");
        List<List<String>> cells = new ArrayList<>();
        for (EchoRow r : rows) {
            String note = r.error() != null ? "ERROR: " + r.error() : r.note() != null ? r.note() : "";
            if (r.error() == null && r.note() == null && r.clientBound()) {
                note = "client-bound";
            }
            cells.add(List.of(r.server(), Integer.toString(r.connections()), Integer.toString(r.active()),
                    Integer.toString(r.messageBytes()), r.offeredRate() > 0 ? Fmt.count(r.offeredRate()) : "closed",
                    Fmt.count(r.messagesPerSecond()), Fmt.decimal(r.megabytesPerSecond(), 1),
                    Fmt.micros(r.p50Micros()), Fmt.micros(r.p90Micros()), Fmt.micros(r.p99Micros()),
                    Fmt.micros(r.p999Micros()), Fmt.micros(r.maxMicros()), Fmt.decimal(r.serverCpuMicrosPerMessage(), 2),
                    Fmt.decimal(r.serverCores(), 2), r.syscallsPerMessageText(), Fmt.decimal(r.syscallsPerWait(), 2), Fmt.decimal(r.clientCores(), 2),
                    note));
        }
        return Html.table(header, cells);
    }

    /** A warning when most measured rows were client-bound: then the chart compares the client, not the servers. */
    static String clientBoundNote(List<EchoRow> rows) {
        long measured = rows.stream().filter(EchoRow::measured).count();
        long bound = rows.stream().filter(r -> r.measured() && r.clientBound()).count();
        if (measured == 0 || bound * 2 < measured) {
            return "";
        }
        return "<p class=\"note\">" + bound + " of " + measured + " runs kept the load client's thread(s) busy over 90% of "
                + "the window: there the client, not the server, set the pace, and the servers' throughput is alike for that "
                + "reason. Compare them by CPU per message (fixed offered load below) and by the idle-descriptor chart.</p>\n";
    }
}
