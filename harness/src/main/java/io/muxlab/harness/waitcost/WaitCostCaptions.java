package io.muxlab.harness.waitcost;

import io.muxlab.core.sys.FdSet;
import io.muxlab.harness.bench.IdleWait;
import io.muxlab.harness.format.Fmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the wait-cost section says, computed from its rows: the chart's caption, the caption of
 * the table beside Kerrisk's, and the report's headline. Each states the shape this run measured
 * and says so plainly where it is not the expected one; none carries a figure of its own.
 */
final class WaitCostCaptions {
    /** The calls that hand the kernel the whole list each time, which must grow with N. */
    static final List<String> LIST_PASSING = List.of(IdleWait.SELECT, IdleWait.POLL);

    private WaitCostCaptions() {
    }

    static Curve.Shape expected(String backend) {
        return LIST_PASSING.contains(backend) ? Curve.Shape.GROWS : Curve.Shape.FLAT;
    }

    /** One sentence per backend on its measured shape, then which ones this run contradicts. */
    static String chart(List<WaitCostRow> rows) {
        List<String> parts = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        for (String b : IdleWait.ALL) {
            Curve c = Curve.of(b, rows);
            parts.add(trend(c));
            if (c.measured() && c.shape() != expected(b)) {
                unexpected.add(b + " (expected to " + (expected(b) == Curve.Shape.GROWS ? "grow with N" : "stay flat") + ")");
            }
        }
        String verdict = unexpected.isEmpty()
                ? "Every measured backend has the expected shape: select and poll copy and scan the whole list on every call, "
                        + "epoll and io_uring keep the interest list in the kernel and return only what is ready."
                : "This run does not show the expected shape for " + String.join(", ", unexpected)
                        + "; on a busy machine a disturbed window can do that, so look at the spread in the table.";
        return String.join(" ", parts) + " " + verdict;
    }

    /** What one backend's points did, in words and its own figures. */
    static String trend(Curve c) {
        if (!c.measured()) {
            return c.backend() + ": fewer than two points measured.";
        }
        WaitCostRow a = c.first();
        WaitCostRow z = c.last();
        String range = Fmt.nanos(a.cpuNanosPerCall()) + " at N = " + Fmt.grouped(a.n()) + " to " + Fmt.nanos(z.cpuNanosPerCall())
                + " at N = " + Fmt.grouped(z.n());
        String growth = times(c.growth());
        return switch (c.shape()) {
            case GROWS -> c.backend() + " grows with N: " + range + " (" + growth + ", fitted " + Fmt.decimal(c.nanosPerDescriptor(), 1)
                    + " ns per descriptor).";
            case FLAT -> c.backend() + " stays flat: " + range + " (" + growth + ").";
            default -> c.backend() + " grows " + growth + ", " + range + ": neither flat nor in step with N.";
        };
    }

    /** The caption of the table beside TLPI's: the same shape or not, and how far apart the machines are. */
    static String kerrisk(List<WaitCostRow> rows) {
        List<String> parts = new ArrayList<>();
        List<String> differ = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (String b : Kerrisk.backends()) {
            Curve c = Curve.of(b, rows);
            WaitCostRow small = c.at(10);
            WaitCostRow big = c.at(1_000);
            double theirs = Kerrisk.seconds(b, 1_000) / Kerrisk.seconds(b, 10);
            if (small == null || big == null) {
                parts.add(b + ": N = 10 or 1 000 not measured here");
                continue;
            }
            double ours = big.cpuSecondsPer100k() / small.cpuSecondsPer100k();
            parts.add(b + " " + times(ours) + " here, " + times(theirs) + " in TLPI");
            if (classify(ours) != classify(theirs)) {
                differ.add(b);
            }
            for (WaitCostRow r : c.points()) {
                double ratio = Kerrisk.seconds(b, r.n()) / r.cpuSecondsPer100k();
                if (Double.isFinite(ratio)) {
                    lo = Math.min(lo, ratio);
                    hi = Math.max(hi, ratio);
                }
            }
        }
        String growth = "From N = 10 to 1 000, CPU per call grew: " + String.join("; ", parts) + ". ";
        String shape = differ.isEmpty() ? "The same shape, many kernels later. "
                : "Not the same shape for " + String.join(", ", differ) + " in this run. ";
        String scale = hi == 0 ? "" : String.format(Locale.ROOT, "TLPI's figures are %s to %s ours (the ratio columns)%s",
                times(lo), times(hi), lo > 1 ? ": this machine and kernel take less CPU per call than TLPI's did."
                        : hi < 1 ? ": this machine and kernel take more CPU per call than TLPI's did."
                        : ": faster at some N, slower at others, so only the shape compares.");
        return growth + shape + scale;
    }

    private static Curve.Shape classify(double growth) {
        return growth >= Curve.GROWS ? Curve.Shape.GROWS : growth <= Curve.FLAT ? Curve.Shape.FLAT : Curve.Shape.BETWEEN;
    }

    /**
     * The report's headline: the answer in this run's numbers (CPU per call), at the largest N where
     * both poll and epoll_wait were measured; without rows, that the section did not run.
     */
    static String headline(List<WaitCostRow> rows) {
        if (rows.isEmpty()) {
            return "The wait-cost experiment did not run in this report (--scenarios left it out), so there is no headline figure.";
        }
        Curve poll = Curve.of(IdleWait.POLL, rows);
        Curve epoll = Curve.of(IdleWait.EPOLL, rows);
        int n = -1;
        for (WaitCostRow r : poll.points()) {
            if (epoll.at(r.n()) != null) {
                n = r.n();
            }
        }
        if (n < 0) {
            return "The wait-cost experiment measured poll and epoll_wait at no common N in this run (see its table for why), "
                    + "so there is no headline figure.";
        }
        double p = poll.at(n).cpuNanosPerCall();
        double e = epoll.at(n).cpuNanosPerCall();
        StringBuilder s = new StringBuilder("With " + Fmt.grouped(n) + " idle descriptors registered, one poll costs " + Fmt.nanos(p)
                + " of CPU and one epoll_wait " + Fmt.nanos(e) + " (poll " + times(p / e) + " as costly)");
        for (String other : List.of(IdleWait.JDK_SELECTOR, IdleWait.IO_URING)) {
            WaitCostRow r = Curve.of(other, rows).at(n);
            if (r != null) {
                s.append(", ").append(other.equals(IdleWait.IO_URING) ? "an io_uring wait " : "the JDK's selectNow() ")
                        .append(Fmt.nanos(r.cpuNanosPerCall()));
            }
        }
        s.append("; select cannot go past ").append(Fmt.grouped(FdSet.FD_SETSIZE)).append(" descriptors (FD_SETSIZE)");
        Curve select = Curve.of(IdleWait.SELECT, rows);
        if (!select.points().isEmpty()) {
            WaitCostRow r = select.last();
            s.append(", and at N = ").append(Fmt.grouped(r.n())).append(" one select costs ").append(Fmt.nanos(r.cpuNanosPerCall()));
        }
        return s.append('.').toString();
    }

    /** A ratio as {@code ×57}, {@code ×1.3}. */
    static String times(double ratio) {
        if (!Double.isFinite(ratio)) {
            return "×–";
        }
        return "×" + (ratio >= 10 ? Fmt.grouped(Math.round(ratio)) : String.format(Locale.ROOT, "%.1f", ratio));
    }
}
