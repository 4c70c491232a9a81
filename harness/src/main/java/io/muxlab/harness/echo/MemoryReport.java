package io.muxlab.harness.echo;

import io.muxlab.harness.format.Charts;
import io.muxlab.harness.format.Fmt;
import io.muxlab.harness.format.Html;
import io.muxlab.harness.format.Unit;
import io.muxlab.harness.launch.Contender;
import io.muxlab.harness.section.Settings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The idle section's memory part: what one idle connection costs each server, its own resident
 * memory beside the kernel's socket buffers (see {@link ConnectionMemory}), as a chart at the largest
 * N each server reached, a caption computed from those rows, and a table of every idle run.
 */
final class MemoryReport {
    private MemoryReport() {
    }

    static String render(List<EchoRow> rows, Charts charts, Settings s) throws IOException {
        List<EchoRow> largest = largestPerServer(s.contenders(), rows);
        List<String> categories = new ArrayList<>();
        double[] rss = new double[largest.size()];
        double[] kernel = new double[largest.size()];
        for (int i = 0; i < largest.size(); i++) {
            EchoRow r = largest.get(i);
            categories.add(r.server() + " N=" + Fmt.si(r.connections()));
            rss[i] = r.memory().rssPerIdleConnection();
            kernel[i] = r.memory().socketBytesPerIdleConnection();
        }
        String chart = largest.isEmpty()
                ? "<p class=\"empty\">Memory per idle connection: no data was measured.</p>"
                : charts.groupedBars("memory-per-idle-connection", "Memory per idle connection, at the largest N each server reached",
                        "bytes per idle connection", Unit.COUNT, categories, List.of(
                                new Charts.Series("server: resident memory (RSS)", new double[0], rss),
                                new Charts.Series("kernel: socket buffers", new double[0], kernel)));
        return Html.figure(chart, caption(largest) + " What each model spends a connection on, and where in our code: "
                + Html.link(s.doc("connection-cost.md"), "what a connection costs") + ".") + table(rows);
    }

    /** Per contender, in report order, its row with the most connections whose memory was measured. */
    static List<EchoRow> largestPerServer(List<Contender> contenders, List<EchoRow> rows) {
        List<EchoRow> out = new ArrayList<>();
        for (Contender c : contenders) {
            rows.stream().filter(r -> r.server().equals(c.name()) && Double.isFinite(r.memory().rssPerIdleConnection()))
                    .max(Comparator.comparingInt(EchoRow::connections)).ifPresent(out::add);
        }
        return out;
    }

    /** What was measured, then who cost least and most per idle connection, from {@code largest} alone. */
    static String caption(List<EchoRow> largest) {
        StringBuilder c = new StringBuilder(String.format(Locale.ROOT, "Each server's resident memory (VmRSS in /proc) with "
                + "all N connections open minus with only the %d active ones, over the idle ones, in one process before the "
                + "load starts; beside it the kernel's socket buffers charged to the server's connections (ss -tm: bytes "
                + "queued, reserved ahead and option memory) the same way. The kernel's socket structures themselves are "
                + "in neither.", IdleSection.ACTIVE));
        Optional<EchoRow> least = largest.stream().min(Comparator.comparingDouble(r -> r.memory().rssPerIdleConnection()));
        Optional<EchoRow> most = largest.stream().max(Comparator.comparingDouble(r -> r.memory().rssPerIdleConnection()));
        if (least.isEmpty()) {
            return c.append(" No server was measured with idle connections, so nothing is compared here.").toString();
        }
        if (largest.size() > 1) {
            c.append(" Least per idle connection: ").append(describe(least.get())).append("; most: ").append(describe(most.get()))
                    .append('.');
        } else {
            c.append(" Only ").append(describe(least.get())).append(" was measured.");
        }
        double[] kernel = largest.stream().mapToDouble(r -> r.memory().socketBytesPerIdleConnection())
                .filter(Double::isFinite).sorted().toArray();
        if (kernel.length > 0) {
            c.append(" The kernel's socket buffers: ").append(kernel.length == 1 || kernel[0] == kernel[kernel.length - 1]
                    ? Fmt.bytes(kernel[0]) : Fmt.bytes(kernel[0]) + " to " + Fmt.bytes(kernel[kernel.length - 1]))
                    .append(" per idle connection.");
        } else {
            c.append(" The kernel's socket buffers could not be read (ss missing?).");
        }
        return c.toString();
    }

    private static String describe(EchoRow r) {
        return Html.escape(r.server()) + ", " + Fmt.bytes(r.memory().rssPerIdleConnection()) + " at N = " + r.connections();
    }

    /** Every idle run with idle connections: the two samples and what they give per idle connection. */
    static String table(List<EchoRow> rows) {
        List<String> header = List.of("server", "connections", "idle", "RSS, active only", "RSS, all open", "RSS per idle conn",
                "socket buffers, active only", "socket buffers, all open", "kernel per idle conn", "JVM");
        List<List<String>> cells = new ArrayList<>();
        for (EchoRow r : rows) {
            ConnectionMemory m = r.memory();
            if (m.idle() == 0) {
                continue;
            }
            cells.add(List.of(r.server(), Integer.toString(r.connections()), Integer.toString(m.idle()),
                    sampled(m.activeOnlyRssBytes()), sampled(m.rssBytes()), Fmt.bytes(m.rssPerIdleConnection()),
                    sampled(m.activeOnlySocketBytes()), sampled(m.socketBytes()), Fmt.bytes(m.socketBytesPerIdleConnection()),
                    runtime(r.jvm())));
        }
        return cells.isEmpty() ? "" : Html.table(header, cells);
    }

    /** The runtime short, {@code Java 17.0.15} or {@code native, compiled by cc}: the machine section names each in full. */
    static String runtime(String jvm) {
        if (jvm == null) {
            return "external";
        }
        int detail = jvm.indexOf(" (");
        return detail > 0 ? jvm.substring(0, detail) : jvm;
    }

    private static String sampled(long bytes) {
        return bytes < 0 ? "–" : Fmt.bytes(bytes);
    }
}
