package io.muxlab.harness.echo;

import io.muxlab.harness.section.Held;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * Finding the points a caption compares, and holding a comparison repeat by repeat: the captions
 * state it on the points' medians and then say in how many repeats it held, repeat i of one point
 * beside repeat i of the others (runs were interleaved, so repeat i of every point was made in the
 * same pass over the machine).
 */
final class PerRepeat {
    private PerRepeat() {
    }

    /** The measured point of {@code server} whose median matches {@code where}, if any. */
    static Optional<Repeats.Point> find(List<Repeats.Point> points, String server, Predicate<EchoRow> where) {
        return points.stream().filter(p -> p.measured() > 0 && p.median().server().equals(server) && where.test(p.median()))
                .findFirst();
    }

    /** The measured points of {@code server}, fewest connections first. */
    static List<Repeats.Point> of(List<Repeats.Point> points, String server) {
        return points.stream().filter(p -> p.measured() > 0 && p.median().server().equals(server))
                .sorted((a, b) -> Integer.compare(a.median().connections(), b.median().connections())).toList();
    }

    /**
     * In how many repeats {@code claim} held of the runs of {@code points} (given in that order): a
     * repeat in which any of them was not measured counts in neither figure.
     */
    static Held held(List<Repeats.Point> points, Predicate<List<EchoRow>> claim) {
        int repeats = points.stream().mapToInt(p -> p.each().size()).min().orElse(0);
        Held h = Held.NOT_MEASURED;
        for (int i = 0; i < repeats; i++) {
            List<EchoRow> runs = new ArrayList<>();
            for (Repeats.Point p : points) {
                runs.add(p.each().get(i));
            }
            if (runs.stream().allMatch(EchoRow::measured)) {
                h = h.and(claim.test(runs));
            }
        }
        return h;
    }

    /** {@link #held} for two points: {@code claim} of repeat i of {@code a} against repeat i of {@code b}. */
    static Held held(Repeats.Point a, Repeats.Point b, BiPredicate<EchoRow, EchoRow> claim) {
        return held(List.of(a, b), runs -> claim.test(runs.get(0), runs.get(1)));
    }
}
