package io.muxlab.harness.loops;

import io.muxlab.harness.format.Fmt;
import io.muxlab.harness.section.Held;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * What the many-loops rows show, computed from them: whether the shared listener woke a herd (its
 * loops' context switches per connection against the other models'), and how evenly each model
 * spread the connections. A model run more than once is its median, and a comparison says in how
 * many of its runs it held (run i of one model beside run i of the others).
 */
final class ManyLoopsCaptions {
    /** The herd "shows" when shared's switches per connection are at least this times the lower of the other two. */
    static final double HERD = 1.5;
    /** A model "piles" connections onto one loop when its busiest loop holds at least this many even shares. */
    static final double PILED = 2;

    private ManyLoopsCaptions() {
    }

    /** The thundering herd: shared against exclusive and reuseport, in switches per connection. */
    static String herd(List<ManyLoopsRow> rows) {
        Map<String, List<ManyLoopsRow>> by = byModel(rows);
        List<ManyLoopsRow> shared = by.get("shared");
        List<ManyLoopsRow> others = new ArrayList<>();
        by.forEach((m, r) -> {
            if (!m.equals("shared")) {
                others.addAll(r);
            }
        });
        if (shared == null || others.isEmpty()) {
            return "Without shared and another accept model both measured this run does not compare the herd.";
        }
        List<String> figures = new ArrayList<>();
        by.forEach((m, r) -> figures.add(m + " " + Fmt.decimal(median(r, ManyLoopsRow::switchesPerConnection), 1)));
        double s = median(shared, ManyLoopsRow::switchesPerConnection);
        double least = Double.POSITIVE_INFINITY;
        for (Map.Entry<String, List<ManyLoopsRow>> e : by.entrySet()) {
            if (!e.getKey().equals("shared")) {
                least = Math.min(least, median(e.getValue(), ManyLoopsRow::switchesPerConnection));
            }
        }
        Held h = held(by, runs -> {
            double other = Double.POSITIVE_INFINITY;
            for (Map.Entry<String, ManyLoopsRow> e : runs.entrySet()) {
                if (!e.getKey().equals("shared")) {
                    other = Math.min(other, e.getValue().switchesPerConnection());
                }
            }
            return runs.get("shared").switchesPerConnection() >= HERD * other;
        });
        String measured = "Loop context switches per connection made one by one: " + String.join(", ", figures);
        if (s >= HERD * least) {
            return measured + ". The herd shows (" + h.repeats() + "): with one listener in every loop's epoll set, each "
                    + "connection wakes every loop, and all but one go back to sleep.";
        }
        return measured + ". This run does not show a herd: shared woke no clearly more loops per connection than the "
                + "others (×" + Fmt.decimal(HERD, 1) + " theirs in " + h.tally() + ").";
    }

    /** The distribution: each model's busiest loop against an even share, and what made it so. */
    static String spread(List<ManyLoopsRow> rows, int loops) {
        Map<String, List<ManyLoopsRow>> by = byModel(rows);
        if (by.isEmpty()) {
            return "No accept model was measured in this run.";
        }
        double even = 1.0 / loops;
        List<String> figures = new ArrayList<>();
        String mostUneven = null;
        String mostEven = null;
        for (Map.Entry<String, List<ManyLoopsRow>> e : by.entrySet()) {
            double share = median(e.getValue(), ManyLoopsRow::busiestShare);
            figures.add(e.getKey() + " " + ManyLoopsRun.percent(share));
            if (mostUneven == null || share > median(by.get(mostUneven), ManyLoopsRow::busiestShare)) {
                mostUneven = e.getKey();
            }
            if (mostEven == null || share < median(by.get(mostEven), ManyLoopsRow::busiestShare)) {
                mostEven = e.getKey();
            }
        }
        StringBuilder c = new StringBuilder(String.format(Locale.ROOT, "The busiest loop's share of the connections: %s (an even "
                + "split is %s).", String.join(", ", figures), ManyLoopsRun.percent(even)));
        double worst = median(by.get(mostUneven), ManyLoopsRow::busiestShare);
        if (worst >= PILED * even) {
            c.append(' ').append(mostUneven).append(" piled them onto one loop");
            c.append(mostUneven.equals("exclusive") ? ": EPOLLEXCLUSIVE wakes the first loop waiting on the listener, and a loop "
                    + "that keeps up is back in its wait, first in line, before the next connection comes." : ".");
        } else {
            c.append(" No model piled the connections onto one loop in this run.");
        }
        if (!mostEven.equals(mostUneven)) {
            c.append(' ').append(mostEven).append(" spread them most evenly").append(mostEven.equals("reuseport")
                    ? ": the kernel hashes each connection to one loop's socket, even on average and blind to how busy each loop is."
                    : ".");
        }
        List<String> rates = new ArrayList<>();
        by.forEach((m, r) -> rates.add(m + " " + Fmt.count(median(r, ManyLoopsRow::messagesPerSecond))));
        return c.append(" Echoes per second: ").append(String.join(", ", rates)).append('.').toString();
    }

    private static Map<String, List<ManyLoopsRow>> byModel(List<ManyLoopsRow> rows) {
        Map<String, List<ManyLoopsRow>> by = new LinkedHashMap<>();
        for (ManyLoopsRow r : rows) {
            if (r.error() == null && Double.isFinite(r.busiestShare())) {
                by.computeIfAbsent(r.model(), k -> new ArrayList<>()).add(r);
            }
        }
        return by;
    }

    /** In how many runs the claim held, run i of every model together. */
    private static Held held(Map<String, List<ManyLoopsRow>> by, Predicate<Map<String, ManyLoopsRow>> claim) {
        int runs = by.values().stream().mapToInt(List::size).min().orElse(0);
        Held h = Held.NOT_MEASURED;
        for (int i = 0; i < runs; i++) {
            Map<String, ManyLoopsRow> run = new LinkedHashMap<>();
            for (Map.Entry<String, List<ManyLoopsRow>> e : by.entrySet()) {
                run.put(e.getKey(), e.getValue().get(i));
            }
            h = h.and(claim.test(run));
        }
        return h;
    }

    private static double median(List<ManyLoopsRow> rows, ToDoubleFunction<ManyLoopsRow> f) {
        double[] v = rows.stream().mapToDouble(f).sorted().toArray();
        int mid = v.length / 2;
        return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }
}
