package io.muxlab.harness.loops;

import io.muxlab.epoll.EpollMultiplexer;
import io.muxlab.harness.format.Charts;
import io.muxlab.harness.format.Html;
import io.muxlab.harness.launch.ChildJvm;
import io.muxlab.harness.launch.Contender;
import io.muxlab.harness.section.PlannedRun;
import io.muxlab.harness.section.Row;
import io.muxlab.harness.section.Section;
import io.muxlab.harness.section.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Past one thread: {@code epoll-echo --loops N} in its three accept models (one listener shared by
 * every loop's epoll set, the same with EPOLLEXCLUSIVE, one SO_REUSEPORT socket per loop) under the
 * same closed-loop load. What it shows is the distribution (who takes the connections, who is woken
 * for them); on two cores the throughput cannot grow with N.
 */
public final class ManyLoopsSection implements Section {
    static final List<String> MODELS = List.of("shared", "exclusive", "reuseport");
    static final int LOOPS = 4;

    @Override
    public String id() {
        return ManyLoopsRow.SCENARIO;
    }

    @Override
    public String title() {
        return "Many loops on one port (epoll-echo --loops " + LOOPS + ")";
    }

    @Override
    public List<String> childJvmFlags() {
        return ChildJvm.SERVER.flags();
    }

    static int connections(boolean quick) {
        return quick ? 100 : 400;
    }

    @Override
    public List<PlannedRun> plan(Settings s) {
        List<PlannedRun> runs = new ArrayList<>();
        Contender base = base(s.contenders());
        if (base != null) {
            for (String model : MODELS) {
                runs.add(new ManyLoopsRun(base, model, LOOPS, connections(s.quick())));
            }
        }
        return runs;
    }

    /** The server the loops run on: epoll-lt, or epoll-et when --servers left only it. */
    static Contender base(List<Contender> contenders) {
        for (String name : List.of(EpollMultiplexer.LEVEL_NAME, EpollMultiplexer.EDGE_NAME)) {
            for (Contender c : contenders) {
                if (c.name().equals(name)) {
                    return c;
                }
            }
        }
        return null;
    }

    @Override
    public String render(List<Row> rows, Charts charts, Settings s) {
        List<ManyLoopsRow> all = rows.stream().filter(ManyLoopsRow.class::isInstance).map(ManyLoopsRow.class::cast).toList();
        List<List<String>> table = new ArrayList<>();
        for (ManyLoopsRow r : all) {
            if (r.error() != null) {
                table.add(List.of(r.model(), "error: " + r.error(), "", "", "", "", "", ""));
                continue;
            }
            table.add(List.of(r.model(), r.perLoopConnections().toString(), ManyLoopsRun.percent(r.busiestShare()),
                    r.perLoopReads().toString(), String.format(Locale.ROOT, "%.1f", r.switchesPerConnection()),
                    String.format(Locale.ROOT, "%.2f", r.wakeupsPerConnection()),
                    String.format(Locale.ROOT, "%,.0f", r.messagesPerSecond()), String.format(Locale.ROOT, "%.0f µs", r.p99Micros())));
        }
        StringBuilder h = new StringBuilder();
        h.append("<p>" + LOOPS + " event loops, each its own thread and epoll instance, serve " + connections(s.quick())
                + " connections of closed-loop load (" + ManyLoopsRun.MESSAGE_BYTES + " B messages), opened 100 at a time. "
                + "<i>shared</i>: one listening socket in every loop's epoll set; <i>exclusive</i>: the same, registered with "
                + "EPOLLEXCLUSIVE; <i>reuseport</i>: one SO_REUSEPORT socket per loop, the kernel hashing each connection to one. "
                + "First " + Herd.CONNECTIONS + " connections are made one at a time, and the voluntary context switches of the "
                + "loop threads counted: a switch is a loop woken and put back to sleep, whether or not its wait returned, so "
                + "the loop that serves a connection makes about one, and a herd (every loop woken for each connection) makes "
                + "more. Listener wake-ups per connection are the waits that did come back with the listener readable, over "
                + "the whole run, per connection accepted (below 1: one wake-up accepted a burst). Explained in "
                + Html.link(s.doc("many-loops.md"), "many loops on one port") + ".</p>\n");
        if (!all.isEmpty()) {
            h.append("<p>").append(Html.escape(ManyLoopsCaptions.herd(all))).append(' ')
                    .append(Html.escape(ManyLoopsCaptions.spread(all, LOOPS))).append("</p>\n");
        }
        if (table.isEmpty()) {
            h.append("<p>Not run: the scenario runs on " + EpollMultiplexer.LEVEL_NAME + " or " + EpollMultiplexer.EDGE_NAME
                    + ", and --servers left both out.</p>\n");
        } else {
            h.append(Html.table(List.of("accept model", "connections per loop", "busiest loop's share", "reads per loop",
                    "loop context switches per connection", "listener wake-ups per connection", "messages / s", "p99"), table));
        }
        return h.toString();
    }
}
