package io.muxlab.harness.waitcost;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The wait-cost rows of a run made more than once: repeat k of a point (backend, N) is its k-th
 * row in run order, whatever order the section planned them in. The chart, the captions and the
 * headline use each point's median; the targets are held repeat by repeat.
 */
final class WaitCostRepeats {
    private WaitCostRepeats() {
    }

    /** The rows of each repeat: the first row of every point, then the second, and so on. */
    static List<List<WaitCostRow>> split(List<WaitCostRow> rows) {
        Map<List<Object>, Integer> seen = new LinkedHashMap<>();
        List<List<WaitCostRow>> out = new ArrayList<>();
        for (WaitCostRow r : rows) {
            int k = seen.merge(List.of(r.server(), r.n()), 1, Integer::sum) - 1;
            while (out.size() <= k) {
                out.add(new ArrayList<>());
            }
            out.get(k).add(r);
        }
        return out;
    }

    /**
     * One row per point: the medians of its measured rows' figures per call, the fastest window of
     * all and the slowest; a point none of whose rows measured anything keeps its first row.
     */
    static List<WaitCostRow> medians(List<WaitCostRow> rows) {
        Map<List<Object>, List<WaitCostRow>> byPoint = new LinkedHashMap<>();
        for (WaitCostRow r : rows) {
            byPoint.computeIfAbsent(List.of(r.server(), r.n()), k -> new ArrayList<>()).add(r);
        }
        List<WaitCostRow> out = new ArrayList<>();
        for (List<WaitCostRow> runs : byPoint.values()) {
            List<WaitCostRow> ok = runs.stream().filter(WaitCostRow::wasMeasured).toList();
            if (ok.size() <= 1) {
                out.add(ok.isEmpty() ? runs.get(0) : ok.get(0));
                continue;
            }
            WaitCostRow first = ok.get(0);
            out.add(new WaitCostRow(first.server(), first.kind(), first.n(), first.descriptors(),
                    ok.stream().mapToLong(WaitCostRow::calls).sum(), median(ok, WaitCostRow::nanosPerCall),
                    ok.stream().mapToDouble(WaitCostRow::nanosMin).min().orElse(Double.NaN),
                    ok.stream().mapToDouble(WaitCostRow::nanosMax).max().orElse(Double.NaN),
                    median(ok, WaitCostRow::cpuNanosPerCall), 0, null, null));
        }
        return out;
    }

    private static double median(List<WaitCostRow> rows, ToDoubleFunction<WaitCostRow> f) {
        double[] v = rows.stream().mapToDouble(f).sorted().toArray();
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }

    /** How many rows each point has: the repeats, 1 when the section ran once. */
    static int repeats(List<WaitCostRow> rows) {
        return split(rows).size();
    }

    /** The values as {@code ×61, ×58, ×63}. */
    static String each(double[] ratios) {
        return String.join(", ", Arrays.stream(ratios).mapToObj(WaitCostCaptions::times).toList());
    }
}
