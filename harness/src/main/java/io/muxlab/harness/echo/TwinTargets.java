package io.muxlab.harness.echo;

import io.muxlab.epoll.EpollMultiplexer;
import io.muxlab.harness.format.Fmt;
import io.muxlab.harness.format.Html;
import io.muxlab.harness.launch.CTwins;
import io.muxlab.harness.section.Held;
import io.muxlab.poll.PollMultiplexer;
import io.muxlab.select.SelectMultiplexer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The answer to "Java through jnr-ffi must cost more than C": each of our select, poll and
 * level-triggered epoll servers against its C twin, server CPU per message at the fixed offered
 * load and with {@link IdleSection#ACTIVE} active among the largest N both reached. A pair meets
 * the target when ours spends at most {@link #WITHIN} times the twin's CPU per message (ours may
 * spend less): judged on the medians of the repeats, and repeat by repeat.
 */
final class TwinTargets {
    static final double WITHIN = 1.15;

    record Pair(String ours, String twin) {
    }

    static final List<Pair> PAIRS = List.of(new Pair(SelectMultiplexer.NAME, CTwins.SELECT),
            new Pair(PollMultiplexer.NAME, CTwins.POLL), new Pair(EpollMultiplexer.LEVEL_NAME, CTwins.EPOLL));

    /**
     * One pair judged at one point.
     *
     * @param where what the point was, e.g. {@code N = 15 000}, or null if the pair was not measured there
     * @param ratio ours over the twin, of the medians' CPU per message
     * @param each the ratio in each repeat both measured
     * @param repeats in how many repeats the ratio was within the target
     */
    record Judged(Pair pair, String where, double ours, double twin, double ratio, List<Double> each, Held repeats) {
        boolean measured() {
            return where != null;
        }

        /** The verdict on the medians: met, missed or not measured. */
        String medians() {
            return !measured() ? Held.NOT_MEASURED.verdict() : new Held(ratio <= WITHIN ? 1 : 0, 1).verdict();
        }
    }

    private TwinTargets() {
    }

    static String goal() {
        return "ours ≤ ×" + Fmt.decimal(WITHIN, 2) + " its C twin's server CPU per message";
    }

    /** Each pair at the fixed offered load (the fixed-rate section's points). */
    static List<Judged> fixedRate(List<Repeats.Point> points) {
        List<Judged> out = new ArrayList<>();
        for (Pair pair : PAIRS) {
            Optional<Repeats.Point> ours = PerRepeat.find(points, pair.ours(), r -> true);
            Optional<Repeats.Point> twin = PerRepeat.find(points, pair.twin(), r -> true);
            out.add(ours.isPresent() && twin.isPresent()
                    ? judge(pair, Fmt.count(ours.get().median().offeredRate()) + " msg/s", ours.get(), twin.get())
                    : notMeasured(pair));
        }
        return out;
    }

    /** Each pair at the largest N both measured among the idle section's points. */
    static List<Judged> idle(List<Repeats.Point> points) {
        List<Judged> out = new ArrayList<>();
        for (Pair pair : PAIRS) {
            Judged best = notMeasured(pair);
            for (Repeats.Point ours : PerRepeat.of(points, pair.ours())) {
                int n = ours.median().connections();
                Optional<Repeats.Point> twin = PerRepeat.find(points, pair.twin(), r -> r.connections() == n);
                if (twin.isPresent()) {
                    best = judge(pair, "N = " + Fmt.grouped(n), ours, twin.get());
                }
            }
            out.add(best);
        }
        return out;
    }

    private static Judged notMeasured(Pair pair) {
        return new Judged(pair, null, Double.NaN, Double.NaN, Double.NaN, List.of(), Held.NOT_MEASURED);
    }

    private static Judged judge(Pair pair, String where, Repeats.Point ours, Repeats.Point twin) {
        double o = ours.median().serverCpuMicrosPerMessage();
        double t = twin.median().serverCpuMicrosPerMessage();
        List<Double> each = new ArrayList<>();
        Held held = PerRepeat.held(ours, twin, (a, b) -> {
            double ratio = a.serverCpuMicrosPerMessage() / b.serverCpuMicrosPerMessage();
            each.add(ratio);
            return ratio <= WITHIN;
        });
        return new Judged(pair, where, o, t, o / t, each, held);
    }

    /** The verdict table a section prints: one row per pair. */
    static String table(List<Judged> judged) {
        List<List<String>> body = new ArrayList<>();
        for (Judged j : judged) {
            String pair = j.pair().ours() + " vs " + j.pair().twin();
            if (!j.measured()) {
                body.add(List.of(pair, "–", "not both measured", "–", "–", j.medians(), j.repeats().verdict()));
                continue;
            }
            body.add(List.of(pair, j.where(), Fmt.decimal(j.ours(), 2) + " vs " + Fmt.decimal(j.twin(), 2) + " µs",
                    times(j.ratio()), String.join(", ", j.each().stream().map(TwinTargets::times).toList()), j.medians(),
                    j.repeats().verdict()));
        }
        return "<p>Target: " + Html.escape(goal()) + ", on the medians of the repeats and in each repeat.</p>\n"
                + Html.table(List.of("ours vs C twin", "at", "CPU per message, medians", "ours ÷ twin", "each repeat",
                        "medians", "per repeat"), body);
    }

    /** The headline box's line: every pair at both points, in a few words each. */
    static String line(List<Judged> fixed, List<Judged> idle) {
        return "Ours vs the C twins (" + goal() + "): at the fixed offered load " + brief(fixed) + "; idle, at the largest N, "
                + brief(idle) + ".";
    }

    private static String brief(List<Judged> judged) {
        if (judged.stream().noneMatch(Judged::measured)) {
            return "not measured (the section or the twins did not run)";
        }
        List<String> parts = new ArrayList<>();
        for (Judged j : judged) {
            parts.add(j.measured() ? j.pair().ours() + " " + times(j.ratio()) + (j.where().startsWith("N") ? " at " + j.where() : "")
                    + " " + verdict(j) : j.pair().ours() + " not measured");
        }
        return String.join(", ", parts);
    }

    /** One word for both judgements: the medians' verdict, and the repeats' when they disagree with it. */
    private static String verdict(Judged j) {
        String medians = j.medians();
        String repeats = j.repeats().verdict();
        return j.repeats().of() <= 1 || medians.equals(repeats) ? medians
                : String.format(Locale.ROOT, "%s on the medians, %s %s", medians, repeats, repeats.startsWith("met in") ? "repeats"
                        : "in every repeat");
    }

    private static String times(double ratio) {
        return "×" + Fmt.decimal(ratio, 2);
    }
}
