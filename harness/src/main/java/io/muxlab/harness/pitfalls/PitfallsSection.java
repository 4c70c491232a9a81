package io.muxlab.harness.pitfalls;

import io.muxlab.core.echo.Pitfall;
import io.muxlab.epoll.EpollMultiplexer;
import io.muxlab.harness.format.Charts;
import io.muxlab.harness.format.Fmt;
import io.muxlab.harness.format.Html;
import io.muxlab.harness.launch.ChildJvm;
import io.muxlab.harness.launch.Contender;
import io.muxlab.harness.section.PlannedRun;
import io.muxlab.harness.section.Row;
import io.muxlab.harness.section.Section;
import io.muxlab.harness.section.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The classic event-loop mistakes, measured: each {@code --pitfall} next to the correct server under
 * the same small load, on level-triggered epoll (edge-triggered for the two mistakes that only exist
 * there). The report shows one table: the symptom, the figure with and without the mistake, the fix.
 */
public final class PitfallsSection implements Section {
    /** The mistake "shows" when its figure is at least this many times the correct server's. */
    static final double FACTOR = 10;
    /** busy-poll's symptom is a core burnt: at least this share of one, whatever the correct server spent. */
    static final double BURNT_CORES = 0.5;

    @Override
    public String id() {
        return PitfallRow.SCENARIO;
    }

    @Override
    public String title() {
        return "The classic mistakes, run on purpose (--pitfall)";
    }

    @Override
    public List<String> childJvmFlags() {
        return ChildJvm.SERVER.flags();
    }

    /** The server a pitfall runs on: epoll, edge-triggered where the mistake needs it. */
    static String baseServer(Pitfall p) {
        return p.edgeTriggered() ? EpollMultiplexer.EDGE_NAME : EpollMultiplexer.LEVEL_NAME;
    }

    @Override
    public List<PlannedRun> plan(Settings s) {
        List<PlannedRun> runs = new ArrayList<>();
        for (Pitfall p : Pitfall.values()) {
            if (p == Pitfall.NONE) {
                continue;
            }
            Contender base = s.contenders().stream().filter(c -> c.name().equals(baseServer(p))).findFirst().orElse(null);
            if (base != null) {
                runs.add(new PitfallRun(p, base, false));
                runs.add(new PitfallRun(p, base, true));
            }
        }
        return runs;
    }

    @Override
    public String render(List<Row> rows, Charts charts, Settings s) {
        List<PitfallRow> all = rows.stream().filter(PitfallRow.class::isInstance).map(PitfallRow.class::cast).toList();
        List<List<String>> table = new ArrayList<>();
        int compared = 0;
        int showed = 0;
        for (Pitfall p : Pitfall.values()) {
            PitfallRow right = find(all, p, false);
            PitfallRow wrong = find(all, p, true);
            if (right == null && wrong == null) {
                continue;
            }
            Optional<Boolean> shows = shows(p, right, wrong);
            compared += shows.isPresent() ? 1 : 0;
            showed += shows.orElse(false) ? 1 : 0;
            table.add(List.of(p.cliName() + " (" + baseServer(p) + ")", p.symptom(), PitfallRun.measure(p), shown(right), shown(wrong),
                    thisRun(shows, right, wrong), p.fix()));
        }
        StringBuilder h = new StringBuilder();
        h.append("<p>Each row runs the same server twice under the same small load: as it is, and with one mistake "
                + "switched on by <code>--pitfall</code>. A hung connection is found by a bounded wait of " + Symptoms.HANG_SECONDS
                + " s, never by hanging the harness; the never-reading peer sends for the window or "
                + (Symptoms.FLOOD_CAP_BYTES >> 20) + " MiB, whichever ends first. Predict, run, see, why and fix for each: "
                + Html.link(s.doc("pitfalls.md"), "the pitfalls") + ".</p>\n");
        if (table.isEmpty()) {
            h.append("<p>Not run: the pitfalls run on " + EpollMultiplexer.LEVEL_NAME + " and " + EpollMultiplexer.EDGE_NAME
                    + ", and --servers left both out.</p>\n");
        } else {
            h.append(Html.table(List.of("pitfall", "expected symptom", "load", "correct", "with the pitfall", "in this run", "the fix"),
                    table));
            h.append("<p>").append(showed).append(" of ").append(compared).append(" mistakes showed their symptom in this run ")
                    .append("(a hang the correct server did not have, or a figure at least ×").append(Fmt.decimal(FACTOR, 0))
                    .append(" the correct server's").append("; for busy-poll also at least ").append(Fmt.decimal(BURNT_CORES, 1))
                    .append(" of a core)").append(showed < compared ? "; the others' rows say what this run measured instead." : ".")
                    .append("</p>\n");
        }
        return h.toString();
    }

    /**
     * Whether the mistake's run showed its symptom and the correct run did not; empty when the pair
     * cannot be compared (a run missing or failed, or the correct server hung as well).
     */
    static Optional<Boolean> shows(Pitfall p, PitfallRow right, PitfallRow wrong) {
        if (right == null || wrong == null || right.error() != null || wrong.error() != null || right.hung()) {
            return Optional.empty();
        }
        if (wrong.hung()) {
            return Optional.of(true);
        }
        if (!Double.isFinite(right.value()) || !Double.isFinite(wrong.value())) {
            return Optional.empty();
        }
        double floor = p == Pitfall.BUSY_POLL ? BURNT_CORES : 0;
        return Optional.of(wrong.value() > floor && wrong.value() >= FACTOR * right.value());
    }

    private static String thisRun(Optional<Boolean> shows, PitfallRow right, PitfallRow wrong) {
        if (shows.isEmpty()) {
            return right != null && right.hung() ? "not isolated: the correct server hung too" : "not compared";
        }
        if (!shows.get()) {
            return "not shown in this run";
        }
        return wrong.hung() ? "shown: it hung, the correct server did not"
                : right.value() > 0 ? "shown: ×" + Fmt.count(wrong.value() / right.value()) + " the correct server's"
                : "shown: the correct server measured 0";
    }

    private static PitfallRow find(List<PitfallRow> rows, Pitfall p, boolean wrong) {
        return rows.stream().filter(r -> r.pitfall().equals(p.cliName()) && r.wrong() == wrong).findFirst().orElse(null);
    }

    private static String shown(PitfallRow r) {
        if (r == null) {
            return "not run";
        }
        return r.error() != null ? "error: " + r.error() : r.shown();
    }
}
