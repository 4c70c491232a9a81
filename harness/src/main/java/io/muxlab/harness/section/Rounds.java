package io.muxlab.harness.section;

import java.util.ArrayList;
import java.util.List;

/**
 * The order repeated points are measured in. Round 1 measures every point once with every
 * contender, then round 2 does it all again, and so on: a disturbance of the shared machine (some
 * seconds of another process) then lands on different contenders in different rounds, not on every
 * repeat of one. Within a round the contenders take turns at each point; their order is rotated by
 * a share of the list each round, so that none always follows the same neighbour or opens a point.
 */
public final class Rounds {
    /** Makes the run of one point with one contender in one round (from 1). */
    public interface Factory<P, C> {
        PlannedRun run(int round, P point, C contender);
    }

    private Rounds() {
    }

    /** {@code repeats} rounds of every point × every contender, in the order described above. */
    public static <P, C> List<PlannedRun> of(int repeats, List<P> points, List<C> contenders, Factory<P, C> make) {
        List<PlannedRun> runs = new ArrayList<>();
        for (int round = 1; round <= repeats; round++) {
            List<C> order = rotated(contenders, round, repeats);
            for (P point : points) {
                for (C c : order) {
                    runs.add(make.run(round, point, c));
                }
            }
        }
        return runs;
    }

    /** The contenders of {@code round} (from 1) of {@code rounds}: the list turned left by (round - 1) / rounds of its length. */
    static <C> List<C> rotated(List<C> contenders, int round, int rounds) {
        int n = contenders.size();
        if (n == 0) {
            return List.of();
        }
        int shift = (round - 1) * n / rounds % n;
        List<C> out = new ArrayList<>(contenders.subList(shift, n));
        out.addAll(contenders.subList(0, shift));
        return out;
    }
}
