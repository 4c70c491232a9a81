package io.muxlab.harness.timers;

import io.muxlab.harness.format.Fmt;
import io.muxlab.harness.measure.Spread;
import io.muxlab.timer.TimerServices;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The measured sentences of the timer section's lateness and schedule+cancel captions, computed
 * from the rows (medians of the repeats, ranges where two figures are compared), so each says what
 * this run shows — or that it does not show what the mechanism would lead one to expect. The
 * mechanism itself (which facility wakes at the deadline, which on a tick) stays in the captions.
 */
final class TimerCaptions {
    /** A figure that moved by less than this factor between two points "stayed about the same". */
    static final double SAME_WITHIN = 1.2;
    /**
     * Where a deadline at a random moment lands on a wheel that fires on the first tick at or after
     * it: late by a uniform fraction of a tick, so p50 near half a tick and p99 near one, plus the
     * wake-up. A measured p50 or p99 within these bounds (in ticks) is "as that predicts".
     */
    static final double P50_LOW = 0.3;
    static final double P50_HIGH = 0.8;
    static final double P99_LOW = 0.85;
    static final double P99_HIGH = 1.3;

    private TimerCaptions() {
    }

    /**
     * How each facility's p99 lateness moved from the fewest to the most armed timers it was
     * measured at, and whether this run shows lateness growing with the timer count.
     */
    static String latenessTrend(List<TimerRow> lateness) {
        List<String> rose = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        for (String f : Peers.ALL) {
            List<TimerRow> mine = measured(lateness, f).stream().sorted(Comparator.comparingInt(TimerRow::timers)).toList();
            if (mine.size() < 2) {
                continue;
            }
            TimerRow first = mine.get(0);
            TimerRow last = mine.get(mine.size() - 1);
            double ratio = last.p99Micros() / first.p99Micros();
            String how = ratio > SAME_WITHIN ? "rose" : ratio < 1 / SAME_WITHIN ? "fell" : "stayed within " + percent(SAME_WITHIN - 1);
            if (ratio > SAME_WITHIN) {
                rose.add(f);
            }
            parts.add(f + " " + how + " (" + Fmt.micros(first.p99Micros()) + " → " + Fmt.micros(last.p99Micros()) + ")");
        }
        if (parts.isEmpty()) {
            return "";
        }
        String verdict = rose.isEmpty()
                ? "This run does not show lateness growing with the number of armed timers."
                : "Lateness grew with the number of armed timers for " + and(rose) + " in this run.";
        return "From the fewest to the most armed timers, p99 lateness " + String.join(", ", parts) + ". " + verdict + " ";
    }

    /**
     * The tick facilities' p50 and p99 in ticks (the worst size's), held against the uniform
     * fraction of a tick a round-up wheel predicts.
     */
    static String inTicks(List<TimerRow> lateness, Map<String, Double> tickMicros) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Double> e : tickMicros.entrySet()) {
            List<TimerRow> mine = measured(lateness, e.getKey());
            if (mine.isEmpty()) {
                continue;
            }
            double tick = e.getValue();
            double p50 = mine.stream().mapToDouble(TimerRow::p50Micros).max().getAsDouble() / tick;
            double p99 = mine.stream().mapToDouble(TimerRow::p99Micros).max().getAsDouble() / tick;
            boolean predicted = p50 >= P50_LOW && p50 <= P50_HIGH && p99 >= P99_LOW && p99 <= P99_HIGH;
            String verdict = predicted ? "as a uniform fraction of a tick predicts"
                    : p50 > P50_HIGH ? later(Math.max(1, Math.round(p50 - 0.5))) + " than a uniform fraction of a tick would be"
                    : "not what a uniform fraction of a tick predicts";
            parts.add(String.format(Locale.ROOT, "%s p50 %.2f, p99 %.2f ticks of %s (%s)", e.getKey(), p50, p99,
                    tick(tick), verdict));
        }
        return parts.isEmpty() ? "" : "Measured, at the worst size: " + String.join("; ", parts) + ". ";
    }

    /**
     * Whether the facilities that arm for the deadline itself were less late than the tick ones at
     * every size both measured.
     */
    static String deadlineVersusTick(List<TimerRow> lateness, List<String> deadlineFacilities, List<String> tickFacilities) {
        List<Integer> sizes = lateness.stream().filter(TimerRow::wasMeasured).map(TimerRow::timers).distinct().sorted().toList();
        int compared = 0;
        int below = 0;
        for (int n : sizes) {
            Optional<Double> worstDeadline = worst(lateness, deadlineFacilities, n);
            Optional<Double> bestTick = best(lateness, tickFacilities, n);
            if (worstDeadline.isEmpty() || bestTick.isEmpty()) {
                continue;
            }
            compared++;
            if (worstDeadline.get() < bestTick.get()) {
                below++;
            }
        }
        if (compared == 0) {
            return "";
        }
        return below == compared
                ? "At every size measured, each of " + and(deadlineFacilities) + " had a lower p99 than either tick facility. "
                : "This run does not show the deadline facilities ahead at every size: at " + (compared - below) + " of " + compared
                        + " sizes one of " + and(deadlineFacilities) + " had a p99 at or above a tick facility's. ";
    }

    /**
     * The wheel against the heap at one live-timer count: which did more schedule+cancel pairs a
     * second (medians), or that their ranges overlap and this run does not separate them.
     */
    static String wheelVersusHeap(List<TimerRow> at) {
        Optional<TimerRow> wheel = at.stream().filter(r -> r.wasMeasured() && r.server().equals(TimerServices.WHEEL))
                .findFirst();
        Optional<TimerRow> heap = at.stream().filter(r -> r.wasMeasured() && r.server().equals(TimerServices.HEAP))
                .findFirst();
        if (wheel.isEmpty() || heap.isEmpty()) {
            return "";
        }
        Spread w = wheel.get().spread("opsPerSecond");
        Spread h = heap.get().spread("opsPerSecond");
        String figures = "wheel " + Fmt.count(w.median()) + "/s, heap " + Fmt.count(h.median()) + "/s";
        if (w.min() <= h.max() && h.min() <= w.max()) {
            return "Here " + figures + ", and their ranges overlap: this run does not separate the O(1) wheel from the O(log n) heap. ";
        }
        boolean wheelAhead = w.median() > h.median();
        double ratio = wheelAhead ? w.median() / h.median() : h.median() / w.median();
        return String.format(Locale.ROOT, "Here %s: the %s ahead by %.2f×%s. ", figures, wheelAhead ? "wheel" : "heap", ratio,
                wheelAhead ? "" : " — this run does not show the wheel's O(1) beating the heap's O(log n) at this size");
    }

    private static List<TimerRow> measured(List<TimerRow> rows, String facility) {
        return rows.stream().filter(r -> r.wasMeasured() && r.server().equals(facility) && Double.isFinite(r.p99Micros())).toList();
    }

    private static Optional<Double> worst(List<TimerRow> rows, List<String> facilities, int n) {
        return rows.stream().filter(r -> r.timers() == n && facilities.contains(r.server()) && r.wasMeasured())
                .map(TimerRow::p99Micros).filter(Double::isFinite).max(Double::compare);
    }

    private static Optional<Double> best(List<TimerRow> rows, List<String> facilities, int n) {
        return rows.stream().filter(r -> r.timers() == n && facilities.contains(r.server()) && r.wasMeasured())
                .map(TimerRow::p99Micros).filter(Double::isFinite).min(Double::compare);
    }

    /** A tick as people write it: {@code 1 ms}, {@code 10 ms}, or {@code 500 µs} below a millisecond. */
    static String tick(double micros) {
        return micros >= 1000 && micros % 1000 == 0 ? String.format(Locale.ROOT, "%.0f ms", micros / 1000) : Fmt.micros(micros);
    }

    private static String later(long ticks) {
        return ticks == 1 ? "about a tick later" : "about " + ticks + " ticks later";
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }

    /** "a", "a and b", "a, b and c". */
    static String and(List<String> names) {
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
