package io.muxlab.harness.timers;

import io.muxlab.harness.launch.ProjectRoot;
import io.muxlab.harness.run.PlannedRun;
import io.muxlab.harness.run.Row;
import io.muxlab.harness.run.RunContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One timer run: a fresh child JVM, started the same way for every facility —
 * {@code sh -c 'ulimit -n HARD; exec java <JVM_FLAGS> -cp harness/target/harness.jar TimerChild ...'}
 * with the soft RLIMIT_NOFILE raised to the hard one (fd-per-timer needs a descriptor per timer) —
 * that prints one {@link ResultLine}. The wait is bounded: a child
 * that does not finish in time is killed and its row says so; a child that fails leaves the last
 * line of its standard error in the row. A run planned with a {@code notRun} reason starts nothing.
 */
final class TimerRun implements PlannedRun {
    /**
     * The same for every facility. A million live timers hold about 200 MB of heap in any of them:
     * under the echo servers' 256 MB the schedule+cancel run would measure the collector, not the timers.
     */
    static final List<String> JVM_FLAGS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC");
    /** Beyond the time the workload itself takes: JVM start, arming, catching up, a loaded machine. */
    private static final long SLACK_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final String workload;
    private final String facility;
    private final int timers;
    private final long warmupNanos;
    private final long windowNanos;
    private final String notRun;

    TimerRun(String workload, String facility, int timers, long warmupNanos, long windowNanos, String notRun) {
        this.workload = workload;
        this.facility = facility;
        this.timers = timers;
        this.warmupNanos = warmupNanos;
        this.windowNanos = windowNanos;
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted");
        }
    }

    private Row launch(Path jar, Path log) throws IOException, InterruptedException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        Path out = log.resolveSibling(log.getFileName().toString().replaceFirst("\\.log$", "") + ".out");
        Process p = new ProcessBuilder(command(jar)).redirectError(log.toFile()).redirectOutput(out.toFile()).start();
        try {
            long timeout = SLACK_NANOS + 2 * (warmupNanos + windowNanos);
            if (!p.waitFor(timeout, TimeUnit.NANOSECONDS)) {
                return failed("did not finish within " + TimeUnit.NANOSECONDS.toSeconds(timeout) + " s and was killed; see " + log);
            }
            if (p.exitValue() != 0) {
                return failed("exited with status " + p.exitValue() + ": " + firstLine(log) + " (see " + log + ")");
            }
            return TimerRow.measured(workload, facility, kind(), timers,
                    ResultLine.parse(Files.readAllLines(out, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            return failed(e.getMessage() + "; see " + out);
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    List<String> command(Path jar) {
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", "ulimit -n \"$(ulimit -Hn)\" 2>/dev/null; exec \"$@\"", "sh"));
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JVM_FLAGS);
        cmd.addAll(List.of("-cp", jar.toString(), TimerChild.class.getName(), workload, facility, Integer.toString(timers),
                Long.toString(warmupNanos), Long.toString(windowNanos)));
        return cmd;
    }

    private Row failed(String error) {
        return TimerRow.failed(workload, facility, kind(), timers, error);
    }

    private String kind() {
        return Peers.isOurs(facility) ? "ours" : "peer";
    }

    /** The child's complaint: TimerChild's own line (it comes before any stack trace), else the first line. */
    private static String firstLine(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        for (String line : lines) {
            if (line.startsWith("TimerChild:")) {
                return line.strip();
            }
        }
        return lines.stream().filter(l -> !l.isBlank()).findFirst().map(String::strip).orElse("nothing on standard error");
    }
}
