package io.muxlab.harness.waitcost;

import io.muxlab.core.sys.FdSet;
import io.muxlab.epoll.EpollMultiplexer;
import io.muxlab.harness.bench.IdleWait;
import io.muxlab.harness.format.Charts;
import io.muxlab.harness.format.Fmt;
import io.muxlab.harness.format.Html;
import io.muxlab.harness.format.Unit;
import io.muxlab.harness.peers.NioEchoServer;
import io.muxlab.harness.section.Settings;
import io.muxlab.poll.PollMultiplexer;
import io.muxlab.select.SelectMultiplexer;
import io.muxlab.uring.UringPollMultiplexer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The wait-cost section's part of the page: the log-log chart of cost per call against N with the
 * FD_SETSIZE wall, the table in the layout of TLPI's Table 63-9 with Kerrisk's figures and the
 * ratios beside ours, and every row. Captions come from {@link WaitCostCaptions}.
 */
final class WaitCostReport {
    /** The echo server that waits each way, whose colour the backend's line takes. */
    private static final Map<String, String> SERVER_OF = Map.of(IdleWait.SELECT, SelectMultiplexer.NAME, IdleWait.POLL,
            PollMultiplexer.NAME, IdleWait.EPOLL, EpollMultiplexer.LEVEL_NAME, IdleWait.JDK_SELECTOR, NioEchoServer.NAME,
            IdleWait.IO_URING, UringPollMultiplexer.NAME);

    /** Every row, each repeat's. */
    private final List<WaitCostRow> all;
    /** One row per point, the medians of its repeats: what the chart, the TLPI table and the captions use. */
    private final List<WaitCostRow> rows;
    private final Charts charts;
    private final Settings settings;

    WaitCostReport(List<WaitCostRow> rows, Charts charts, Settings settings) {
        this.all = rows;
        this.rows = WaitCostRepeats.medians(rows);
        this.charts = charts;
        this.settings = settings;
    }

    String html() throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<p>One wait call with a zero timeout against N registered descriptors of which none is ready (idle pipe ends; ")
                .append("for the JDK's Selector, idle loopback sockets), each backend in a child JVM of its own, timed over ")
                .append(WaitCostChild.WINDOWS).append(" windows after a warm-up. Nothing is ready, so the call's cost is all ")
                .append("looking. The chart, the captions and the headline use the calling thread's CPU time per call; wall ")
                .append("time, in the last table, also counts moments the thread was not running, which a shared machine adds. See ")
                .append(Html.link(settings.doc("select-poll-epoll.md"), "select, poll and epoll")).append(".</p>\n");
        h.append(Html.figure(chart(), Html.escape(WaitCostCaptions.chart(rows))));
        h.append("<h3>Targets</h3>\n<p>Held in each repeat of the section (").append(WaitCostRepeats.repeats(all))
                .append(" in this run); \"met in 2 of 3\" is a verdict too.</p>\n")
                .append(WaitCostTargets.table(WaitCostTargets.evaluate(all)));
        h.append("<h3>Beside TLPI's Table 63-9</h3>\n<p>CPU seconds for 100 000 wait calls (this thread's CPU time per call × 100 000), ")
                .append("ours beside ").append(Html.escape(Kerrisk.SOURCE)).append(", and TLPI ÷ ours. Our calls find nothing ")
                .append("ready, so they leave out the cost of reporting a ready descriptor; compare the growth from one N to the ")
                .append("next, not the figures, across machines and kernels.</p>\n");
        h.append(kerriskTable());
        h.append("<p>").append(Html.escape(WaitCostCaptions.kerrisk(rows))).append("</p>\n");
        h.append(rowTable());
        return h.toString();
    }

    private String chart() throws IOException {
        List<Charts.Series> series = new ArrayList<>();
        for (String b : IdleWait.ALL) {
            Curve c = Curve.of(b, rows);
            double[] x = c.points().stream().mapToDouble(WaitCostRow::descriptors).toArray();
            double[] y = c.points().stream().mapToDouble(WaitCostRow::cpuNanosPerCall).toArray();
            String fit = !c.measured() ? "" : c.shape() == Curve.Shape.FLAT ? " (flat)"
                    : String.format(Locale.ROOT, " (%s ns/fd)", Fmt.decimal(c.nanosPerDescriptor(), 1));
            series.add(new Charts.Series(b + fit, x, y).as(b.equals(IdleWait.JDK_SELECTOR) ? Charts.Kind.PEER : Charts.Kind.OURS,
                    SERVER_OF.get(b)));
        }
        return charts.line("wait-cost", "One wait call (timeout 0) against N idle descriptors", "registered descriptors N",
                "CPU per call", Unit.NANOS, series,
                List.of(new Charts.Wall("FD_SETSIZE = " + FdSet.FD_SETSIZE + " (select's wall)", FdSet.FD_SETSIZE)));
    }

    private String kerriskTable() {
        List<String> header = new ArrayList<>(List.of("N"));
        for (String b : Kerrisk.backends()) {
            header.add(b + " here");
            header.add(b + " TLPI");
            header.add("TLPI ÷ here");
        }
        header.add(IdleWait.JDK_SELECTOR + " here");
        header.add(IdleWait.IO_URING + " here");
        List<List<String>> body = new ArrayList<>();
        for (int n : Kerrisk.N) {
            List<String> cells = new ArrayList<>(List.of(Fmt.grouped(n)));
            for (String b : Kerrisk.backends()) {
                WaitCostRow r = Curve.of(b, rows).at(n);
                double theirs = Kerrisk.seconds(b, n);
                cells.add(r == null ? notMeasured(b, n) : seconds(r.cpuSecondsPer100k()));
                cells.add(seconds(theirs));
                cells.add(r == null ? "–" : WaitCostCaptions.times(theirs / r.cpuSecondsPer100k()));
            }
            for (String b : List.of(IdleWait.JDK_SELECTOR, IdleWait.IO_URING)) {
                WaitCostRow r = Curve.of(b, rows).at(n);
                cells.add(r == null ? notMeasured(b, n) : seconds(r.cpuSecondsPer100k()));
            }
            body.add(cells);
        }
        return Html.table(header, body);
    }

    private String notMeasured(String backend, int n) {
        return backend.equals(IdleWait.SELECT) && n > FdSet.FD_SETSIZE ? "FD_SETSIZE" : "–";
    }

    private static String seconds(double s) {
        if (Double.isNaN(s)) {
            return "–";
        }
        return Fmt.decimal(s, s < 0.1 ? 4 : s < 10 ? 2 : s < 100 ? 1 : 0);
    }

    /**
     * One row per point, its median over the repeats, with the range of the repeats' CPU per call
     * beneath it; every run's own figures are in results.json.
     */
    private String rowTable() {
        List<String> backends = rows.stream().map(WaitCostRow::server).distinct().toList();
        List<WaitCostRow> byBackend = rows.stream().sorted(Comparator.comparingInt((WaitCostRow r) -> backends.indexOf(r.server()))
                .thenComparingInt(WaitCostRow::n)).toList();
        List<List<String>> body = new ArrayList<>();
        for (WaitCostRow m : byBackend) {
            List<WaitCostRow> runs = all.stream()
                    .filter(r -> r.server().equals(m.server()) && r.n() == m.n() && r.wasMeasured()).toList();
            String why = m.error() != null ? "ERROR: " + m.error() : m.note() != null ? m.note() : "";
            String cpu = Fmt.nanos(m.cpuNanosPerCall());
            if (runs.size() > 1) {
                cpu += "\n" + Fmt.nanos(runs.stream().mapToDouble(WaitCostRow::cpuNanosPerCall).min().orElse(Double.NaN))
                        + "–" + Fmt.nanos(runs.stream().mapToDouble(WaitCostRow::cpuNanosPerCall).max().orElse(Double.NaN));
            }
            body.add(List.of(m.server(), m.kind(), Fmt.grouped(m.n()), Integer.toString(runs.size()),
                    m.wasMeasured() ? Fmt.grouped(m.descriptors()) : "–", m.wasMeasured() ? Fmt.grouped(m.calls()) : "–",
                    cpu, Fmt.nanos(m.nanosPerCall()),
                    m.wasMeasured() ? Fmt.nanos(m.nanosMin()) + " – " + Fmt.nanos(m.nanosMax()) : "–", why));
        }
        List<String> header = List.of("backend", "kind", "N", "runs", "registered", "calls", "CPU per call (median; range of runs)",
                "wall per call (median)", "every window's range", "note");
        return Html.table(header, body);
    }
}
