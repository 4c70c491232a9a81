package io.muxlab.harness.waitcost;

import io.muxlab.core.sys.FdSet;
import io.muxlab.harness.bench.IdleWait;
import io.muxlab.harness.format.Charts;
import io.muxlab.harness.launch.ChildJvm;
import io.muxlab.harness.section.PlannedRun;
import io.muxlab.harness.section.Row;
import io.muxlab.harness.section.Section;
import io.muxlab.harness.section.Rounds;
import io.muxlab.harness.section.Settings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cost of one wait call against N registered idle descriptors, N = 10 to 10 000, for select
 * (to its FD_SETSIZE wall), poll, epoll_wait, the JDK's Selector and io_uring: the lab's headline
 * in one chart, beside Kerrisk's published table. Each point is measured {@code --repeats} times,
 * each time in a child JVM of its own ({@link WaitCostRun}), interleaved in rounds ({@link Rounds});
 * each run takes about a second.
 */
public final class WaitCostSection implements Section {
    static final List<Integer> N = List.of(10, 100, 1_000, 10_000);
    private static final long MIN_WINDOW_NANOS = 20_000_000L;
    private static final long MAX_WINDOW_NANOS = 200_000_000L;

    @Override
    public String id() {
        return WaitCostRow.SCENARIO;
    }

    @Override
    public String title() {
        return "Wait cost: one call against N idle descriptors";
    }

    @Override
    public List<String> childJvmFlags() {
        return ChildJvm.SERVER.flags();
    }

    @Override
    public List<PlannedRun> plan(Settings s) {
        // A window an eighth of the echo runs' keeps the section well under a minute at the default --duration.
        long window = Math.max(MIN_WINDOW_NANOS, Math.min(MAX_WINDOW_NANOS, s.measureNanos() / 8));
        Map<String, Optional<String>> unavailable = new LinkedHashMap<>();
        IdleWait.ALL.forEach(b -> unavailable.put(b, IdleWait.unavailable(b)));
        return Rounds.of(s.repeats(), N, IdleWait.ALL, (round, n, b) -> new WaitCostRun(b, n, round, window,
                notRun(b, n, unavailable.get(b))));
    }

    static String notRun(String backend, int n, Optional<String> unavailable) {
        if (unavailable.isPresent()) {
            return "not run: " + unavailable.get();
        }
        if (backend.equals(IdleWait.SELECT) && n >= FdSet.FD_SETSIZE) {
            return "not run: an fd_set holds descriptors 0 to " + (FdSet.FD_SETSIZE - 1) + " (FD_SETSIZE)";
        }
        return null;
    }

    @Override
    public String render(List<Row> rows, Charts charts, Settings s) throws IOException {
        return new WaitCostReport(mine(rows), charts, s).html();
    }

    @Override
    public Optional<String> headline(List<Row> rows) {
        return Optional.of(WaitCostCaptions.headline(WaitCostRepeats.medians(mine(rows))));
    }

    @Override
    public Optional<String> targets(List<Row> everyRow) {
        return Optional.of(WaitCostTargets.line(WaitCostTargets.evaluate(mine(everyRow))));
    }

    private static List<WaitCostRow> mine(List<Row> rows) {
        List<WaitCostRow> out = new ArrayList<>();
        for (Row r : rows) {
            if (r instanceof WaitCostRow w) {
                out.add(w);
            }
        }
        return out;
    }
}
