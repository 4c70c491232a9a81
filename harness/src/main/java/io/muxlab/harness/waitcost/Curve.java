package io.muxlab.harness.waitcost;

import java.util.Comparator;
import java.util.List;

/**
 * One backend's measured points, CPU time per call against N, and what they say: how much the
 * cost grew from the smallest N to the largest, and the least-squares slope in nanoseconds per
 * registered descriptor (the per-descriptor work a list-passing call does on every call).
 *
 * @param points the measured rows of one backend, by N, one per N
 */
record Curve(String backend, List<WaitCostRow> points) {
    /** At least this growth over the measured range, which spans two decades or more, is "grows with N". */
    static final double GROWS = 10;
    /** At most this is "flat" (the target for epoll_wait). */
    static final double FLAT = 1.5;

    enum Shape { GROWS, FLAT, BETWEEN, UNKNOWN }

    Curve {
        points = points.stream().sorted(Comparator.comparingInt(WaitCostRow::n)).toList();
    }

    /**
     * The measured rows of {@code backend} among {@code rows}, one per N: where a point was measured
     * more than once (--repeats), its medians as {@link WaitCostRepeats#medians} folds them, the one
     * place that does.
     */
    static Curve of(String backend, List<WaitCostRow> rows) {
        return new Curve(backend, WaitCostRepeats.medians(rows).stream()
                .filter(r -> r.server().equals(backend) && r.wasMeasured()).toList());
    }

    boolean measured() {
        return points.size() >= 2;
    }

    WaitCostRow first() {
        return points.get(0);
    }

    WaitCostRow last() {
        return points.get(points.size() - 1);
    }

    /** Cost at the largest N over cost at the smallest. */
    double growth() {
        return measured() ? last().cpuNanosPerCall() / first().cpuNanosPerCall() : Double.NaN;
    }

    Shape shape() {
        if (!measured()) {
            return Shape.UNKNOWN;
        }
        double g = growth();
        return g >= GROWS ? Shape.GROWS : g <= FLAT ? Shape.FLAT : Shape.BETWEEN;
    }

    /** Least-squares slope of CPU nanoseconds per call over registered descriptors. */
    double nanosPerDescriptor() {
        if (!measured()) {
            return Double.NaN;
        }
        double mx = 0;
        double my = 0;
        for (WaitCostRow r : points) {
            mx += r.descriptors();
            my += r.cpuNanosPerCall();
        }
        mx /= points.size();
        my /= points.size();
        double sxy = 0;
        double sxx = 0;
        for (WaitCostRow r : points) {
            sxy += (r.descriptors() - mx) * (r.cpuNanosPerCall() - my);
            sxx += (r.descriptors() - mx) * (r.descriptors() - mx);
        }
        return sxx == 0 ? Double.NaN : sxy / sxx;
    }

    /** The row at {@code n}, or null if that point was not measured. */
    WaitCostRow at(int n) {
        for (WaitCostRow r : points) {
            if (r.n() == n) {
                return r;
            }
        }
        return null;
    }
}
