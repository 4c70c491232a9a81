package io.muxlab.harness.echo;

import io.muxlab.harness.format.Charts;
import io.muxlab.harness.format.Html;
import io.muxlab.harness.format.Unit;
import io.muxlab.harness.launch.ChildJvm;
import io.muxlab.harness.section.PlannedRun;
import io.muxlab.harness.section.Row;
import io.muxlab.harness.section.Section;
import io.muxlab.harness.section.Rounds;
import io.muxlab.harness.section.Settings;
import java.io.IOException;
import java.util.List;

/** Scenario 1: 1, 10, 100, 1000 active connections, 64-byte messages, closed loop. */
public final class ConnectionsSection implements Section {
    static final int MESSAGE_BYTES = 64;

    @Override
    public String id() {
        return "connections";
    }

    @Override
    public String title() {
        return "Throughput and latency vs connections";
    }

    static List<Integer> points(boolean quick) {
        return quick ? List.of(1, 100) : List.of(1, 10, 100, 1000);
    }

    @Override
    public List<String> childJvmFlags() {
        return ChildJvm.SERVER.flags();
    }

    @Override
    public List<PlannedRun> plan(Settings s) {
        return Rounds.of(s.repeats(), points(s.quick()), s.contenders(),
                (round, n, c) -> new EchoRun(id(), c, round, n, 0, MESSAGE_BYTES, 0, "conns=" + n, false));
    }

    @Override
    public String render(List<Row> rows, Charts charts, Settings s) throws IOException {
        List<Repeats.Point> points = EchoReport.points(rows);
        StringBuilder h = new StringBuilder();
        h.append(EchoReport.clientBoundNote(points));
        h.append(Html.figure(charts.line("throughput-vs-connections", "Echoes per second vs active connections ("
                        + MESSAGE_BYTES + " B, closed loop, depth " + s.depth() + ")", "active connections", "messages / s", Unit.COUNT,
                        EchoReport.series(s, EchoReport.points(rows), EchoRow::connections, EchoRow::messagesPerSecond,
                                Repeats.Point::messages)),
                "Each connection keeps " + s.depth() + " message(s) in flight, so one connection measures a round trip and more "
                        + "connections measure how many echoes a server turns around per second. "
                        + Html.escape(ConnectionsCaptions.throughput(points)) + " Why the syscalls differ: "
                        + Html.link(s.doc("select-poll-epoll.md"), "select, poll and epoll") + "."));
        h.append(Html.figure(charts.line("p99-vs-connections", "p99 latency vs active connections (" + MESSAGE_BYTES + " B, closed loop)",
                        "active connections", "p99 round trip", Unit.MICROS,
                        EchoReport.series(s, points, EchoRow::connections, EchoRow::p99Micros, Repeats.Point::p99)),
                "The 99th percentile round trip. " + Html.escape(ConnectionsCaptions.p99(points)) + " Edge- vs level-triggered "
                        + "epoll: " + Html.link(s.doc("level-vs-edge.md"), "level vs edge") + "."));
        h.append(EchoReport.table(points));
        return h.toString();
    }
}
