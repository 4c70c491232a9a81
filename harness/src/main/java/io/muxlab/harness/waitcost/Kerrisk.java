package io.muxlab.harness.waitcost;

import io.muxlab.harness.bench.IdleWait;
import java.util.List;
import java.util.Map;

/**
 * The published figures this section is measured against: Michael Kerrisk, <i>The Linux
 * Programming Interface</i> (2010), Table 63-9, "Times taken by poll(), select(), and epoll for
 * 100 000 monitoring operations" — CPU seconds, Linux 2.6.25, N descriptors of which one is ready
 * each time. They are reference data, not our measurement, so they live here as constants.
 */
final class Kerrisk {
    /** The N of the table's rows. */
    static final List<Integer> N = List.of(10, 100, 1_000, 10_000);
    static final String SOURCE = "TLPI Table 63-9 (Kerrisk 2010, Linux 2.6.25)";

    /** CPU seconds per 100 000 calls, by backend, one per {@link #N}. */
    private static final Map<String, double[]> SECONDS = Map.of(
            IdleWait.POLL, new double[] {0.61, 2.9, 35, 990},
            IdleWait.SELECT, new double[] {0.73, 3.0, 35, 930},
            IdleWait.EPOLL, new double[] {0.41, 0.42, 0.53, 0.66});

    private Kerrisk() {
    }

    /** The backends the table has a column for. */
    static List<String> backends() {
        return List.of(IdleWait.POLL, IdleWait.SELECT, IdleWait.EPOLL);
    }

    /** Kerrisk's CPU seconds per 100 000 calls of {@code backend} at {@code n}, or NaN if the table has none. */
    static double seconds(String backend, int n) {
        double[] row = SECONDS.get(backend);
        int i = N.indexOf(n);
        return row == null || i < 0 ? Double.NaN : row[i];
    }
}
