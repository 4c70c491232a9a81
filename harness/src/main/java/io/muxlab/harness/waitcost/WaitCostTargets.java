package io.muxlab.harness.waitcost;

import io.muxlab.harness.bench.IdleWait;
import io.muxlab.harness.format.Fmt;
import io.muxlab.harness.format.Html;
import io.muxlab.harness.section.Held;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoublePredicate;
import java.util.function.ToDoubleFunction;

/**
 * The wait-cost section's targets, held in every repeat: the list-passing calls (poll, select)
 * grow at least {@link #GROWTH} times in CPU per call from N = {@link #FROM} to {@link #TO}, and
 * epoll_wait stays within {@link #FLAT} times across every N measured (highest over lowest). A
 * repeat that lacks a point the target needs does not count.
 */
final class WaitCostTargets {
    static final double GROWTH = 100;
    static final int FROM = 10;
    static final int TO = 1_000;
    static final double FLAT = Curve.FLAT;

    /**
     * One target.
     *
     * @param median the figure on the points' medians (NaN if not measured)
     * @param each the figure in each repeat that measured it
     */
    record Target(String backend, String goal, double median, double[] each, Held held) {
    }

    private WaitCostTargets() {
    }

    static List<Target> evaluate(List<WaitCostRow> rows) {
        List<List<WaitCostRow>> repeats = WaitCostRepeats.split(rows);
        List<WaitCostRow> medians = WaitCostRepeats.medians(rows);
        List<Target> out = new ArrayList<>();
        for (String b : List.of(IdleWait.POLL, IdleWait.SELECT)) {
            out.add(target(b, "grows ≥ " + WaitCostCaptions.times(GROWTH) + " from N = " + Fmt.grouped(FROM) + " to "
                    + Fmt.grouped(TO), repeats, medians, WaitCostTargets::growth, g -> g >= GROWTH));
        }
        out.add(target(IdleWait.EPOLL, "within " + WaitCostCaptions.times(FLAT) + " across N = "
                + String.join(", ", WaitCostSection.N.stream().map(Fmt::grouped).toList()) + " (highest ÷ lowest)", repeats, medians,
                WaitCostTargets::spread, s -> s <= FLAT));
        return out;
    }

    private static Target target(String backend, String goal, List<List<WaitCostRow>> repeats, List<WaitCostRow> medians,
            ToDoubleFunction<Curve> figure, DoublePredicate meets) {
        Held held = Held.NOT_MEASURED;
        List<Double> each = new ArrayList<>();
        for (List<WaitCostRow> repeat : repeats) {
            double f = figure.applyAsDouble(Curve.of(backend, repeat));
            if (Double.isFinite(f)) {
                each.add(f);
                held = held.and(meets.test(f));
            }
        }
        return new Target(backend, goal, figure.applyAsDouble(Curve.of(backend, medians)),
                each.stream().mapToDouble(Double::doubleValue).toArray(), held);
    }

    /** CPU per call at {@link #TO} over at {@link #FROM}; NaN if either is missing. */
    private static double growth(Curve c) {
        WaitCostRow a = c.at(FROM);
        WaitCostRow z = c.at(TO);
        return a == null || z == null ? Double.NaN : z.cpuNanosPerCall() / a.cpuNanosPerCall();
    }

    /** Highest CPU per call over lowest, if every N of the section was measured; else NaN. */
    private static double spread(Curve c) {
        if (c.points().size() < WaitCostSection.N.size()) {
            return Double.NaN;
        }
        double lo = c.points().stream().mapToDouble(WaitCostRow::cpuNanosPerCall).min().orElse(Double.NaN);
        double hi = c.points().stream().mapToDouble(WaitCostRow::cpuNanosPerCall).max().orElse(Double.NaN);
        return hi / lo;
    }

    static String table(List<Target> targets) {
        List<List<String>> body = new ArrayList<>();
        for (Target t : targets) {
            body.add(List.of(t.backend(), t.goal(), WaitCostCaptions.times(t.median()), WaitCostRepeats.each(t.each()),
                    t.held().verdict()));
        }
        return Html.table(List.of("backend", "target (CPU per call)", "medians", "each repeat", "verdict"), body);
    }

    /** The headline box's line: each target's figure on the medians and its verdict. */
    static String line(List<Target> targets) {
        List<String> parts = new ArrayList<>();
        for (Target t : targets) {
            parts.add(t.backend() + " " + t.goal() + ": " + (t.held().measured() ? WaitCostCaptions.times(t.median()) + ", "
                    + t.held().verdict() : "not measured"));
        }
        return "Wait cost, judged in each repeat: " + String.join("; ", parts) + ".";
    }
}
