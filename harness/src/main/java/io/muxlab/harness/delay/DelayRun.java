package io.muxlab.harness.delay;

import io.muxlab.harness.launch.ChildJvm;
import io.muxlab.harness.launch.ChildProcess;
import io.muxlab.harness.launch.ProjectRoot;
import io.muxlab.harness.section.PlannedRun;
import io.muxlab.harness.section.Row;
import io.muxlab.harness.section.RunContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One delay-queue run: {@link WorkloadMain} in a {@link ChildProcess} on the {@link ChildJvm#WORKLOAD}
 * JVM, started from {@code harness/target/harness.jar}, killed if it outlives its time, its result
 * line read from its standard output. Our queue's directory lives under the report's {@code queues/} folder — on the
 * same disk as the report, so fsync costs what it costs there — and is deleted afterwards, as is
 * the folder once empty. Whatever goes wrong becomes the row's error.
 */
final class DelayRun implements PlannedRun {
    private final WorkloadSpec spec;
    private final long tickMillis;

    DelayRun(WorkloadSpec spec, long tickMillis) {
        this.spec = spec;
        this.tickMillis = tickMillis;
    }

    WorkloadSpec spec() {
        return spec;
    }

    @Override
    public String label() {
        return spec.label();
    }

    @Override
    public Row run(RunContext context) {
        Path queues = context.settings().out().resolve("queues");
        Path dir = queues.resolve(String.format("%03d-%s", context.index(), spec.server().label()));
        DelayRow row;
        try {
            Path jar = ProjectRoot.find(Path.of("")).jar("harness");
            WorkloadResult r;
            try (ChildProcess child = ChildProcess.start(command(jar, dir), context.log("delay-" + label()))) {
                r = WorkloadResult.of(child.result(WorkloadResult.PREFIX, spec.timeoutMillis(), WorkloadMain.PROGRAM));
            }
            if (r.measure() != spec.measure() || r.server() != spec.server() || r.tasksPerCall() != spec.tasksPerCall()
                    || r.inFlight() != spec.inFlight()) {
                throw new IOException("the child measured " + r.measure().id() + " " + r.server().label()
                        + (r.tasksPerCall() > 1 ? " tasks/call=" + r.tasksPerCall() : "")
                        + (r.inFlight() > 0 ? " async in-flight=" + r.inFlight() : "") + ", not " + label());
            }
            row = DelayRow.of(spec, tickMillis, r);
        } catch (IOException | RuntimeException e) {
            row = DelayRow.failed(spec, tickMillis, e.getMessage() == null ? e.toString() : e.getMessage());
        }
        try {
            deleteTree(dir);
            if (Files.isDirectory(queues)) {
                try (Stream<Path> left = Files.list(queues)) {
                    if (left.findAny().isEmpty()) {
                        Files.delete(queues);
                    }
                }
            }
        } catch (IOException e) {
            return row.errors() > 0 ? row : DelayRow.failed(spec, tickMillis, "cannot delete the queue directory " + dir + ": " + e);
        }
        return row;
    }

    List<String> command(Path jar, Path dir) {
        return ChildJvm.WORKLOAD.command(jar, WorkloadMain.class.getName(), spec.args(dir));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
