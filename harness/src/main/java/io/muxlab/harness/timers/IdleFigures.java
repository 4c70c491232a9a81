package io.muxlab.harness.timers;

import io.muxlab.harness.format.Charts;
import io.muxlab.harness.format.Fmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The idle and heap figures of the timer section, as chart data and as the sentences beside the
 * charts — computed from the rows, so a caption cannot say what was not measured. Idle loads are
 * four categories: empty, 10 000 timers an hour away, sparse and dense; each facility is a series.
 */
final class IdleFigures {
    private final List<TimerRow> rows;

    IdleFigures(List<TimerRow> rows) {
        this.rows = rows.stream().filter(r -> r.wasMeasured()
                && (r.workload().equals(TimerChild.IDLE) || r.workload().equals(TimerChild.DUE))).toList();
    }

    /** The loads measured, as (workload, timers), in the order the section plans them. */
    List<TimerRow> loads() {
        List<TimerRow> out = new ArrayList<>();
        for (TimerRow r : rows) {
            if (out.stream().noneMatch(o -> same(o, r))) {
                out.add(r);
            }
        }
        return out;
    }

    List<String> categories() {
        return loads().stream().map(IdleFigures::label).toList();
    }

    /** One series per facility: its figure for each load, NaN where it was not measured. */
    List<Charts.Series> series(ToDoubleFunction<TimerRow> value) {
        List<TimerRow> loads = loads();
        List<Charts.Series> out = new ArrayList<>();
        for (String f : Peers.ALL) {
            double[] x = new double[loads.size()];
            double[] y = new double[loads.size()];
            for (int i = 0; i < loads.size(); i++) {
                TimerRow load = loads.get(i);
                x[i] = i;
                y[i] = rows.stream().filter(r -> r.server().equals(f) && same(r, load)).mapToDouble(value)
                        .findFirst().orElse(Double.NaN);
            }
            out.add(new Charts.Series(f, x, y).as(TimerReport.kind(f), f));
        }
        return out;
    }

    /**
     * E.g. "empty: heap 0.0, wheel 0.0, netty-hwt 999.8; sparse (10.0 due ticks/s): heap 10.2,
     * wheel 10.1 (1.01× the due ticks), ...".
     */
    String wakeUps() {
        List<String> parts = new ArrayList<>();
        for (TimerRow load : loads()) {
            List<String> each = new ArrayList<>();
            for (TimerRow r : rows) {
                if (same(r, load)) {
                    String ratio = r.dueTicksPerSecond() > 0 && Peers.isOurs(r.server())
                            ? String.format(Locale.ROOT, " (%.2f× the due ticks)", r.wakeupsPerSecond() / r.dueTicksPerSecond()) : "";
                    each.add(r.server() + " " + Fmt.decimal(r.wakeupsPerSecond(), 1) + ratio);
                }
            }
            String ticks = load.workload().equals(TimerChild.DUE) ? " (" + Fmt.decimal(load.dueTicksPerSecond(), 1) + " due ticks/s)" : "";
            parts.add(label(load) + ticks + ": " + String.join(", ", each));
        }
        return parts.isEmpty() ? "" : "Measured wake-ups/s — " + String.join("; ", parts) + ". ";
    }

    /** Facilities that woke less than this often a second, with nothing due, "did not wake". */
    static final double ASLEEP_PER_SECOND = 1;
    /** A facility whose wake-ups stay within this factor of the due ticks woke "about once per due tick" or less. */
    static final double PER_DUE_TICK = 1.1;

    /** Which facilities stayed asleep while nothing was due (the idle loads), and how often the others woke. */
    String atRest() {
        List<TimerRow> idle = rows.stream().filter(r -> r.workload().equals(TimerChild.IDLE)).toList();
        if (idle.isEmpty()) {
            return "";
        }
        List<String> asleep = new ArrayList<>();
        List<String> awake = new ArrayList<>();
        for (String f : Peers.ALL) {
            List<TimerRow> mine = idle.stream().filter(r -> r.server().equals(f)).toList();
            if (mine.isEmpty()) {
                continue;
            }
            double most = mine.stream().mapToDouble(TimerRow::wakeupsPerSecond).max().getAsDouble();
            if (most < ASLEEP_PER_SECOND) {
                asleep.add(f);
            } else {
                awake.add(f + " woke up to " + Fmt.decimal(most, 0) + " times a second");
            }
        }
        String none = asleep.isEmpty() ? "no facility stayed asleep" : TimerCaptions.and(asleep) + " did not wake (under "
                + Fmt.decimal(ASLEEP_PER_SECOND, 0) + " a second)";
        return "With nothing due, " + none + (awake.isEmpty() ? "" : "; " + TimerCaptions.and(awake)) + ". ";
    }

    /** Per due load, the facilities that woke no more than about once per due tick. */
    String perDueTick() {
        List<String> parts = new ArrayList<>();
        for (TimerRow load : loads()) {
            if (!load.workload().equals(TimerChild.DUE) || !(load.dueTicksPerSecond() > 0)) {
                continue;
            }
            List<String> within = rows.stream().filter(r -> same(r, load)
                    && r.wakeupsPerSecond() <= PER_DUE_TICK * r.dueTicksPerSecond()).map(TimerRow::server).toList();
            parts.add(label(load) + ": " + (within.isEmpty() ? "none" : TimerCaptions.and(within)));
        }
        return parts.isEmpty() ? "" : String.format(Locale.ROOT, "Woke no more than about once per due tick (at most %.2f×): ",
                PER_DUE_TICK) + String.join("; ", parts) + ". ";
    }

    /** Heap bytes per live timer, by facility, from the heap rows among {@code heapRows}; "" if none was measured. */
    static String heap(List<TimerRow> heapRows) {
        List<String> parts = new ArrayList<>();
        for (TimerRow r : heapRows) {
            if (r.wasMeasured() && r.workload().equals(TimerChild.HEAP)) {
                parts.add(r.server() + " " + Fmt.decimal(r.heapBytesPerTimer(), 1) + " B");
            }
        }
        return parts.isEmpty() ? "" : "Measured per live timer: " + String.join(", ", parts) + ". ";
    }

    static String label(TimerRow load) {
        if (load.workload().equals(TimerChild.IDLE)) {
            return load.timers() == 0 ? "empty" : String.format(Locale.ROOT, "%,d an hour away", load.timers()).replace(',', ' ');
        }
        return (load.timers() <= 100 ? "sparse, " : "dense, ")
                + String.format(Locale.ROOT, "%,d due/s", load.timers()).replace(',', ' ');
    }

    private static boolean same(TimerRow a, TimerRow b) {
        return a.workload().equals(b.workload()) && a.timers() == b.timers();
    }
}
