package io.muxlab.harness.echo;

import io.muxlab.harness.format.Charts;
import io.muxlab.harness.format.Fmt;
import io.muxlab.harness.format.Html;
import io.muxlab.harness.format.Unit;
import io.muxlab.harness.section.PlannedRun;
import io.muxlab.harness.section.Row;
import io.muxlab.harness.section.Section;
import io.muxlab.harness.section.Settings;
import java.io.IOException;
import java.util.List;

/**
 * "Readiness vs completion": epoll (the kernel says a socket is ready, the loop reads and writes),
 * uring-poll (io_uring used for readiness only) and uring (the kernel reads and writes, the loop
 * reaps results), with Netty's two transports beside them. It runs nothing of its own: the
 * connections and fixed-rate scenarios already measure these servers, so it draws their rows
 * ({@link Section#drawsOn}) and shows them side by side, with captions computed from them
 * ({@link ReadinessCaptions}).
 */
public final class ReadinessSection implements Section {
    static final String ID = "readiness-vs-completion";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Readiness vs completion: epoll, io_uring poll, io_uring";
    }

    @Override
    public List<String> childJvmFlags() {
        // Its rows come from the connections and fixed-rate runs, whose flags are printed there.
        return List.of();
    }

    @Override
    public List<PlannedRun> plan(Settings settings) {
        return List.of();
    }

    @Override
    public List<String> drawsOn() {
        return List.of(new ConnectionsSection().id(), new FixedRateSection().id());
    }

    @Override
    public String render(List<Row> rows, Charts charts, Settings s) throws IOException {
        List<Repeats.Point> family = EchoReport.points(rows).stream()
                .filter(p -> ReadinessCaptions.FAMILY.contains(p.median().server())).toList();
        List<Repeats.Point> closed = family.stream().filter(p -> p.median().scenario().equals(new ConnectionsSection().id())).toList();
        List<Repeats.Point> fixed = family.stream().filter(p -> p.median().scenario().equals(new FixedRateSection().id())).toList();
        String page = Html.link(s.doc("io-uring.md"), "io_uring: completion, not readiness");
        StringBuilder h = new StringBuilder();
        h.append("<p>The same runs as the connections and fixed-rate sections, for the servers that separate two claims "
                + "often mixed up: <em>fewer syscalls by batching readiness</em> (uring-poll: the one echo loop on io_uring's "
                + "poll requests) and <em>no readiness at all</em> (uring: the kernel receives and sends, the loop reaps "
                + "completions). How it works and where it does not pay: ").append(page).append(".</p>\n");
        h.append(Html.figure(charts.line("readiness-syscalls", "Syscalls per echo vs active connections ("
                        + ConnectionsSection.MESSAGE_BYTES + " B, closed loop)", "active connections", "syscalls per echo", Unit.COUNT,
                        EchoReport.series(s, closed, EchoRow::connections, EchoRow::syscallsPerMessage, Repeats.Point::syscalls)),
                ReadinessCaptions.syscalls(closed) + " Our servers count their calls; Netty's are not counted."));
        h.append(Html.figure(charts.bars("readiness-cpu", "Server CPU per echo at " + Fmt.count(s.rate())
                        + " msg/s over " + FixedRateSection.CONNECTIONS + " connections", "server CPU per echo", Unit.MICROS,
                        EchoReport.bars(s, fixed, EchoRow::serverCpuMicrosPerMessage, Repeats.Point::cpu)),
                ReadinessCaptions.cpu(fixed, s.rate())));
        h.append(Html.figure(charts.line("readiness-throughput", "Echoes per second vs active connections ("
                        + ConnectionsSection.MESSAGE_BYTES + " B, closed loop, depth " + s.depth() + ")", "active connections",
                        "messages / s", Unit.COUNT, EchoReport.series(s, closed, EchoRow::connections,
                                EchoRow::messagesPerSecond, Repeats.Point::messages)),
                ReadinessCaptions.throughput(closed)));
        h.append(EchoReport.table(family));
        return h.toString();
    }
}
