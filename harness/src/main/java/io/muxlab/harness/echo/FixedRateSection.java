package io.muxlab.harness.echo;

import io.muxlab.harness.format.Charts;
import io.muxlab.harness.format.Fmt;
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
import java.util.Optional;

/**
 * Scenario 4: a fixed offered load (open loop) that every contender can carry, so the servers do
 * the same work and what differs is what it costs them: CPU per message and latency.
 */
public final class FixedRateSection implements Section {
    static final int CONNECTIONS = 100;

    @Override
    public String id() {
        return "fixed-rate";
    }

    @Override
    public String title() {
        return "Fixed offered load: CPU and syscalls per message, latency";
    }

    @Override
    public List<String> childJvmFlags() {
        return ChildJvm.SERVER.flags();
    }

    @Override
    public List<PlannedRun> plan(Settings s) {
        return Rounds.of(s.repeats(), List.of(s.rate()), s.contenders(), (round, rate, c) -> new EchoRun(id(), c, round,
                CONNECTIONS, 0, ConnectionsSection.MESSAGE_BYTES, rate, "rate=" + Fmt.count(rate) + "/s conns=" + CONNECTIONS, false));
    }

    @Override
    public String render(List<Row> rows, Charts charts, Settings s) throws IOException {
        List<Repeats.Point> points = EchoReport.points(rows);
        String rate = Fmt.count(s.rate());
        StringBuilder h = new StringBuilder();
        h.append(Html.figure(charts.bars("cpu-per-message", "Server CPU per message at " + rate + " msg/s over "
                        + CONNECTIONS + " connections", "server CPU per echo", Unit.MICROS,
                        EchoReport.bars(s, points, EchoRow::serverCpuMicrosPerMessage, Repeats.Point::cpu)),
                Html.escape(EchoCaptions.cpuAtFixedRate(points, s.rate())) + " CPU is the "
                        + "server process's user + system time (all threads, JIT and GC included) over the measured window, "
                        + "as the JDK's ProcessHandle reads it. See " + Html.link(s.doc("harness.md"), "how it is measured") + "."));
        h.append("<h3>Ours against the C twins</h3>\n").append(TwinTargets.table(TwinTargets.fixedRate(points)));
        h.append(Html.figure(charts.bars("syscalls-per-message", "Syscalls per message (our servers count theirs)",
                        "syscalls per echo", Unit.COUNT, EchoReport.syscallBars(s, points)),
                Html.escape(EchoCaptions.levelVsEdge(points)) + " Our servers count every call through muxlab's syscall layer "
                        + "over the measured window: per echo a read and a write, plus the wait call shared by the messages one "
                        + "wake-up finds (syscalls per wait in the table); the C twins count every call their loop makes over the "
                        + "same window, and a server that cannot be asked at the window's edges is not counted. Why the two epoll modes differ: " + Html.link(s.doc("level-vs-edge.md"), "level vs edge")
                        + ". The peers go through the JDK or Netty and do not count theirs."));
        h.append(Html.figure(charts.bars("p99-at-fixed-rate", "p99 latency at " + rate + " msg/s (from the intended send time)",
                        "p99 round trip", Unit.MICROS, EchoReport.bars(s, points, EchoRow::p99Micros, Repeats.Point::p99)),
                Html.escape(EchoCaptions.p99Range(points)) + " Open loop: messages leave on a fixed schedule whether or not "
                        + "earlier ones came back, and latency runs from when a message was meant to leave, so a server that "
                        + "stalls is charged for the whole stall (no coordinated omission). Why that matters: "
                        + Html.link(s.doc("harness.md"), "the harness") + "."));
        h.append(EchoReport.table(points));
        return h.toString();
    }

    /** Ours against the C twins, at this section's fixed load and in the idle section's largest N ({@link TwinTargets}). */
    @Override
    public Optional<String> targets(List<Row> everyRow) {
        List<Repeats.Point> fixed = EchoReport.points(everyRow.stream().filter(r -> r.scenario().equals(id())).toList());
        List<Repeats.Point> idle = EchoReport.points(everyRow.stream().filter(r -> r.scenario().equals(new IdleSection().id()))
                .toList());
        return Optional.of(TwinTargets.line(TwinTargets.fixedRate(fixed), TwinTargets.idle(idle)));
    }
}
