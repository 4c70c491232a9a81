package io.muxlab.harness.waitcost;

import io.muxlab.core.cli.ResultLine;
import io.muxlab.harness.launch.ChildJvm;
import io.muxlab.harness.launch.ChildProcess;
import io.muxlab.harness.launch.ProjectRoot;
import io.muxlab.harness.section.PlannedRun;
import io.muxlab.harness.section.Row;
import io.muxlab.harness.section.RunContext;
import io.muxlab.harness.section.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One wait-cost run: a fresh {@link ChildProcess} on the {@link ChildJvm#SERVER} JVM —
 * {@code java <flags> -cp harness/target/harness.jar WaitCostChild BACKEND N WINDOW_NANOS} — that
 * prints one {@link WaitCostChild#PREFIX} line. The wait is bounded; a run planned with a
 * {@code notRun} reason starts nothing.
 */
final class WaitCostRun implements PlannedRun {
    /** Beyond the windows themselves: JVM start and opening up to 10 000 descriptors on a loaded machine. */
    private static final long SLACK_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** What the plan counts for starting the child JVM and opening its descriptors. */
    private static final long START_NANOS = 500_000_000L;

    private final String backend;
    private final int n;
    private final int round;
    private final long windowNanos;
    private final String notRun;

    /** {@code round}: which run of its point this is, from 1, for the label. */
    WaitCostRun(String backend, int n, int round, long windowNanos, String notRun) {
        this.backend = backend;
        this.n = n;
        this.round = round;
        this.windowNanos = windowNanos;
        this.notRun = notRun;
    }

    /** A child JVM's start (about half a second here) and its warm-up and timed windows. */
    @Override
    public long expectedNanos(Settings s) {
        return notRun != null ? 0 : START_NANOS + (WaitCostChild.WINDOWS + 1) * windowNanos;
    }

    @Override
    public String label() {
        return backend + " wait N=" + n + " #" + round;
    }

    @Override
    public Row run(RunContext context) {
        if (notRun != null) {
            return WaitCostRow.notRun(backend, n, notRun);
        }
        long timeoutMillis = TimeUnit.NANOSECONDS.toMillis(SLACK_NANOS + (WaitCostChild.WINDOWS + 1) * windowNanos);
        try (ChildProcess child = ChildProcess.start(command(ProjectRoot.find(Path.of("")).jar("harness")),
                context.log("wait-cost-" + backend + "-" + n))) {
            ResultLine line = child.result(WaitCostChild.PREFIX, timeoutMillis, WaitCostChild.PROGRAM);
            return WaitCostRow.measured(backend, n, line.numbers());
        } catch (IOException | RuntimeException e) {
            return WaitCostRow.failed(backend, n, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    List<String> command(Path jar) {
        return ChildJvm.SERVER.command(jar, WaitCostChild.class.getName(), List.of(backend, Integer.toString(n),
                Long.toString(windowNanos)));
    }
}
