package io.muxlab.harness.timers;

import io.muxlab.core.cli.ResultLine;
import io.muxlab.harness.launch.ChildJvm;
import io.muxlab.harness.launch.ChildProcess;
import io.muxlab.harness.launch.ProjectRoot;
import io.muxlab.harness.section.PlannedRun;
import io.muxlab.harness.section.Row;
import io.muxlab.harness.section.RunContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One timer run: a fresh {@link ChildProcess} on the {@link ChildJvm#WORKLOAD} JVM, started the
 * same way for every facility —
 * {@code java <flags> -cp harness/target/harness.jar TimerChild ...} — that prints one
 * {@link TimerChild#PREFIX} line. The wait is bounded: a child that does not finish in time is
 * killed and its row says so; a child that fails leaves its complaint in the row. A run planned
 * with a {@code notRun} reason starts nothing.
 */
final class TimerRun implements PlannedRun {
    /** Beyond the time the workload itself takes: JVM start, arming, catching up, a loaded machine. */
    private static final long SLACK_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final String workload;
    private final String facility;
    private final int timers;
    private final long warmupNanos;
    private final long windowNanos;
    private final int repeats;
    private final String notRun;

    /** {@code windowNanos} is each repeat's window; the child measures {@code repeats} of them. */
    TimerRun(String workload, String facility, int timers, long warmupNanos, long windowNanos, int repeats, String notRun) {
        this.workload = workload;
        this.facility = facility;
        this.timers = timers;
        this.warmupNanos = warmupNanos;
        this.windowNanos = windowNanos;
        this.repeats = repeats;
        this.notRun = notRun;
    }

    @Override
    public String label() {
        return facility + " " + workload + " timers=" + timers;
    }

    @Override
    public Row run(RunContext context) {
        if (notRun != null) {
            return TimerRow.notRun(workload, facility, kind(), timers, notRun);
        }
        try {
            Path jar = ProjectRoot.find(Path.of("")).jar("harness");
            return launch(jar, context.log(facility + "-" + workload + "-" + timers));
        } catch (IOException | RuntimeException e) {
            return failed(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private Row launch(Path jar, Path log) throws IOException {
        long timeoutMillis = TimeUnit.NANOSECONDS.toMillis(SLACK_NANOS + 2 * (warmupNanos + repeats * windowNanos));
        try (ChildProcess child = ChildProcess.start(command(jar), log)) {
            ResultLine line = child.result(TimerChild.PREFIX, timeoutMillis, TimerChild.PROGRAM);
            return TimerRow.measured(workload, facility, kind(), timers, line);
        }
    }

    List<String> command(Path jar) {
        return ChildJvm.WORKLOAD.command(jar, TimerChild.class.getName(), List.of(workload, facility, Integer.toString(timers),
                Long.toString(warmupNanos), Long.toString(windowNanos), Integer.toString(repeats)));
    }

    private Row failed(String error) {
        return TimerRow.failed(workload, facility, kind(), timers, error);
    }

    private String kind() {
        return Peers.isOurs(facility) ? "ours" : "peer";
    }
}
