package io.muxlab.harness.echo;

import io.muxlab.core.sys.FdSet;
import io.muxlab.harness.format.Charts;
import io.muxlab.harness.format.Html;
import io.muxlab.harness.format.Unit;
import io.muxlab.harness.launch.ChildJvm;
import io.muxlab.harness.launch.Contender;
import io.muxlab.harness.section.PlannedRun;
import io.muxlab.harness.section.Row;
import io.muxlab.harness.section.Section;
import io.muxlab.harness.section.Rounds;
import io.muxlab.harness.section.Settings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Scenario 2, the classic libevent benchmark: 10 active connections among N open ones. select and
 * poll hand the kernel every descriptor on every call; epoll hands it only the ready ones. The same
 * runs show what an idle connection costs each server in memory ({@link MemoryReport}).
 */
public final class IdleSection implements Section {
    static final int ACTIVE = 10;
    /** Descriptors the harness keeps for itself besides the client sockets (jars, selectors, pipes). */
    static final int RESERVED_DESCRIPTORS = 200;

    @Override
    public String id() {
        return "idle";
    }

    @Override
    public String title() {
        return "Idle descriptors: throughput and memory per connection (" + ACTIVE + " active among N)";
    }

    /** N values, capped by what the harness itself may open (it holds the client end of every connection). */
    static List<Integer> points(boolean quick, long fileLimit) {
        List<Integer> wanted = quick ? List.of(10, 1000) : List.of(10, 100, 1000, 5000, 15000);
        long cap = fileLimit < 0 ? Long.MAX_VALUE : fileLimit - RESERVED_DESCRIPTORS;
        List<Integer> out = new ArrayList<>();
        for (int n : wanted) {
            if (n <= cap) {
                out.add(n);
            } else if (!out.contains((int) cap) && cap > ACTIVE) {
                out.add((int) cap);
            }
        }
        return out;
    }

    @Override
    public List<String> childJvmFlags() {
        return ChildJvm.SERVER.flags();
    }

    /**
     * Every point in rounds, the largest N first; the first round's window at the largest N a
     * contender can hold runs on a fresh process, the one whose memory per idle connection
     * {@link MemoryReport} shows. Run before the other echo sections, as the harness does, that
     * window is the server's first anyway; otherwise its warm server is replaced by a new one.
     */
    @Override
    public List<PlannedRun> plan(Settings s) {
        List<Integer> points = points(s.quick(), s.fileLimit()).stream().sorted(Comparator.reverseOrder()).toList();
        return Rounds.of(s.repeats(), points, s.contenders(), (round, n, c) -> {
            int active = Math.min(ACTIVE, n);
            return new EchoRun(id(), c, round, active, n - active, ConnectionsSection.MESSAGE_BYTES, 0,
                    "descriptors=" + n + " active=" + active, round == 1 && n == largest(points, c));
        });
    }

    /** The largest of {@code points} that {@code c} can hold (select: below FD_SETSIZE); 0 if none. */
    static int largest(List<Integer> points, Contender c) {
        return points.stream().filter(n -> c.descriptorLimit() == 0 || n < c.descriptorLimit()).max(Integer::compare).orElse(0);
    }

    @Override
    public String render(List<Row> rows, Charts charts, Settings s) throws IOException {
        List<Repeats.Point> points = EchoReport.points(rows);
        List<EchoRow> echo = EchoReport.echoRows(rows);
        StringBuilder h = new StringBuilder();
        h.append(EchoReport.clientBoundNote(points));
        String limited = echo.stream().filter(r -> r.note() != null).map(r -> r.server() + " at " + r.connections())
                .distinct().reduce((a, b) -> a + ", " + b).orElse("");
        h.append(Html.figure(charts.line("throughput-vs-idle", "Echoes per second, " + ACTIVE + " active among N open connections",
                        "open connections N", "messages / s", Unit.COUNT,
                        EchoReport.series(s, points, EchoRow::connections, EchoRow::messagesPerSecond, Repeats.Point::messages)),
                Html.escape(EchoCaptions.idleThroughput(points)) + " Only " + ACTIVE + " connections carry messages; the rest sit idle. "
                        + "select and poll give the kernel the whole set on "
                        + "every call and scan it again for the ready ones, so each echo costs O(N); epoll keeps the interest set "
                        + "in the kernel and returns only ready descriptors, so its line is expected to stay flat. "
                        + (limited.isEmpty() ? "" : "Not measured (the server's limit, not a gap): " + Html.escape(limited)
                        + " — select cannot watch a descriptor at or above FD_SETSIZE (" + FdSet.FD_SETSIZE + "). ")
                        + "Explained in " + Html.link(s.doc("select-poll-epoll.md"), "select, poll and epoll") + "."));
        h.append(EchoReport.table(points));
        h.append("<h3>Ours against the C twins, " + ACTIVE + " active among the largest N both reached</h3>\n")
                .append(TwinTargets.table(TwinTargets.idle(points)));
        h.append(MemoryReport.render(echo, charts, s));
        return h.toString();
    }
}
