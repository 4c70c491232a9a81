package io.muxlab.harness.delay;

import io.muxlab.harness.launch.ProjectRoot;
import io.muxlab.harness.run.PlannedRun;
import io.muxlab.harness.run.Row;
import io.muxlab.harness.run.RunContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One delay-queue run: {@link WorkloadMain} in a child JVM started from {@code harness/target/harness.jar},
 * killed if it outlives its time, its result line read from its standard output (a file, like the
 * echo servers'). Our queue's directory lives under the report's {@code queues/} folder — on the
 * same disk as the report, so fsync costs what it costs there — and is deleted afterwards, as is
 * the folder once empty. Whatever goes wrong becomes the row's error.
 */
final class DelayRun implements PlannedRun {
    /** Every child gets the same flags: room for a million tasks and their garbage, one collector. */
    static final List<String> JVM_FLAGS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC");

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
            String line = runChild(command(jar, dir), context.log("delay-" + label()));
            WorkloadResult r = WorkloadResult.parse(line);
            if (r.measure() != spec.measure() || r.server() != spec.server() || r.tasksPerCall() != spec.tasksPerCall()) {
                throw new IOException("the child measured " + r.measure().id() + " " + r.server().label()
                        + (r.tasksPerCall() > 1 ? " tasks/call=" + r.tasksPerCall() : "") + ", not " + label());
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
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JVM_FLAGS);
        cmd.add("-cp");
        cmd.add(jar.toString());
        cmd.add(WorkloadMain.class.getName());
        cmd.addAll(spec.args(dir));
        return cmd;
    }

    /** Runs the child to its end (bounded) and returns its result line. */
    private String runChild(List<String> cmd, Path log) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        Path out = log.resolveSibling(log.getFileName().toString().replaceFirst("\\.log$", "") + ".out");
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).redirectOutput(out.toFile()).start();
        try {
            if (!p.waitFor(spec.timeoutMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("killed after " + spec.timeoutMillis() / 1000 + " s without a result; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the child", e);
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
                // Gone before its queue directory is deleted; bounded, and interruption is already noted.
                p.onExit().completeOnTimeout(p, 10, TimeUnit.SECONDS).join();
            }
        }
        if (p.exitValue() != 0) {
            throw new IOException("the child exited with status " + p.exitValue() + ": " + errorLine(log) + " (see " + log + ")");
        }
        String result = null;
        for (String l : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            if (l.startsWith(WorkloadResult.PREFIX)) {
                result = l;
            }
        }
        if (result == null) {
            throw new IOException("the child printed no '" + WorkloadResult.PREFIX + "' line; see " + out);
        }
        return result;
    }

    /** The child's own error line if it printed one, else the last line of its standard error. */
    private static String errorLine(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String l : lines) {
            if (l.startsWith(WorkloadMain.PROGRAM + ":")) {
                return l;
            }
        }
        return lines.isEmpty() ? "(nothing on standard error)" : lines.get(lines.size() - 1);
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
