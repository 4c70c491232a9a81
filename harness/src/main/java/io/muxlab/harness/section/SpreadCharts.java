package io.muxlab.harness.section;

import io.muxlab.harness.format.Charts;
import io.muxlab.harness.measure.Spread;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Chart data from figures a child measured several times ({@link Spread}): each point or bar is
 * the median, its whisker the lowest to the highest repeat. A series or bar none of whose points
 * was measured more than once carries no range, so a chart of single measurements (--quick) draws
 * no whiskers. The timer and delay-queue sections draw with it; values are scaled as drawn (e.g.
 * µs measured, ms plotted).
 */
public final class SpreadCharts {
    private SpreadCharts() {
    }

    /** A line (or a bar group's series) at {@code x}: point {@code i} from {@code ys.get(i)} times {@code scale}. */
    public static Charts.Series series(String name, double[] x, List<Spread> ys, double scale) {
        if (x.length != ys.size()) {
            throw new IllegalArgumentException(x.length + " x values for " + ys.size() + " points of " + name);
        }
        Charts.Series s = new Charts.Series(name, x, scaled(ys, Spread::median, scale));
        return ys.stream().anyMatch(SpreadCharts::repeated)
                ? s.ranged(scaled(ys, Spread::min, scale), scaled(ys, Spread::max, scale)) : s;
    }

    /** A bar of {@code value}'s median times {@code scale}, with its whisker if it was measured more than once. */
    public static Charts.Bar bar(String name, Spread value, double scale) {
        Charts.Bar b = new Charts.Bar(name, value.median() * scale);
        return repeated(value) ? b.ranged(value.min() * scale, value.max() * scale) : b;
    }

    private static boolean repeated(Spread s) {
        return s.count() > 1;
    }

    private static double[] scaled(List<Spread> spreads, ToDoubleFunction<Spread> figure, double scale) {
        return spreads.stream().mapToDouble(figure).map(v -> v * scale).toArray();
    }
}
