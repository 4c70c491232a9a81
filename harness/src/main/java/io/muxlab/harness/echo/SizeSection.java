package io.muxlab.harness.echo;

import io.muxlab.core.echo.EchoConfig;
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

/** Scenario 3: message size from 64 B to 64 KiB on 10 connections; throughput in MB/s. */
public final class SizeSection implements Section {
    static final int CONNECTIONS = 10;

    @Override
    public String id() {
        return "size";
    }

    @Override
    public String title() {
        return "Bandwidth vs message size (" + CONNECTIONS + " connections)";
    }

    static List<Integer> points(boolean quick) {
        return quick ? List.of(64, 16 * 1024) : List.of(64, 1024, 16 * 1024, 64 * 1024);
    }

    @Override
    public List<String> childJvmFlags() {
        return ChildJvm.SERVER.flags();
    }

    @Override
    public List<PlannedRun> plan(Settings s) {
        return Rounds.of(s.repeats(), points(s.quick()), s.contenders(), (round, size, c) -> new EchoRun(id(), c, round,
                CONNECTIONS, 0, size, 0, "size=" + size + " conns=" + CONNECTIONS, false));
    }

    @Override
    public String render(List<Row> rows, Charts charts, Settings s) throws IOException {
        List<Repeats.Point> points = EchoReport.points(rows);
        StringBuilder h = new StringBuilder();
        h.append(EchoReport.clientBoundNote(points));
        h.append(Html.figure(charts.line("mbps-vs-size", "Echoed MB/s vs message size (" + CONNECTIONS + " connections, closed loop)",
                        "message size (bytes)", "MB/s echoed", Unit.COUNT,
                        EchoReport.series(s, points, EchoRow::messageBytes, EchoRow::megabytesPerSecond, null)),
                "Small messages measure the cost per event (a wake-up, a read, a write); large ones more of the copying. "
                        + Html.escape(EchoCaptions.sizeSpread(points)) + " "
                        + "How messages are framed and checked: " + Html.link(s.doc("harness.md"), "the harness") + "."));
        h.append("<p>").append(Html.escape(EchoCaptions.extraReads(points, EchoConfig.READ_BLOCK_BYTES))).append(" Reads per echo ")
                .append("are in each row's syscalls in results.json; why the modes read differently: ")
                .append(Html.link(s.doc("level-vs-edge.md"), "level vs edge")).append(".</p>\n");
        h.append(EchoReport.table(points));
        return h.toString();
    }
}
