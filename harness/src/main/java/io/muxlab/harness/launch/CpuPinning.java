package io.muxlab.harness.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code --pin}: every child the harness measures (a server, a timer or delay-queue workload, the
 * wait-cost child) on one CPU, and the harness itself, the load client, on the others, so that
 * server and client never take turns on one core and each one's CPU figure is its own work.
 *
 * <p>util-linux's {@code taskset} sets the affinity. A child starts as {@code taskset -c CPU
 * COMMAND}: taskset sets its own mask and execs the command, so the pid, the CPU time and every
 * thread the child makes are the command's, pinned from its first instruction. The harness's JVM,
 * whose threads already run, gets {@code taskset -a -p -c CPUS PID}, every thread at once; a
 * thread made later inherits its maker's mask. A thread the JVM makes while taskset walks the list
 * could slip through, so every thread's mask is read back from {@code /proc} and the call repeated.
 *
 * <p>A process's affinity is process-wide state, and so is this: {@link #pin} sets it once, before
 * the first child starts, and the launcher and the report read it with {@link #active}.
 *
 * @param child the CPU every measured child runs on: the first the harness may use
 * @param harness the CPUs left to the harness's own threads
 * @param allowed every CPU the harness could run on before it pinned itself
 * @param taskset util-linux's taskset
 */
public record CpuPinning(int child, List<Integer> harness, List<Integer> allowed, Path taskset) {
    private static final long TASKSET_SECONDS = 10;
    private static final int ATTEMPTS = 3;
    /** Null while pinning is off; set once, by {@link #pin}. */
    private static volatile CpuPinning active;

    public CpuPinning {
        harness = List.copyOf(harness);
        allowed = List.copyOf(allowed);
    }

    /** Why {@code --pin} cannot be honoured here, in one line for the user. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /** Pins this process and every measured child it starts from now on, or says why it cannot. */
    public static CpuPinning pin() throws Refused {
        long self = ProcessHandle.current().pid();
        CpuPinning p = plan(allowedList(Path.of("/proc/self/status")), ChildProcess.onPath("taskset", System.getenv("PATH")));
        p.pinAll(self);
        active = p;
        return p;
    }

    /** The pinning in force, if {@link #pin} was called. */
    public static Optional<CpuPinning> active() {
        return Optional.ofNullable(active);
    }

    /** The plan for a process that may run on {@code allowedList} ({@code 0-3,6}): children on the first CPU. */
    static CpuPinning plan(String allowedList, Optional<Path> taskset) throws Refused {
        if (taskset.isEmpty()) {
            throw new Refused("--pin needs taskset (util-linux) on PATH to set CPU affinity, and there is none");
        }
        List<Integer> cpus = cpus(allowedList);
        if (cpus.size() < 2) {
            throw new Refused("--pin needs 2 CPUs or more to keep the server and the load client apart; this process may run on "
                    + cpus.size() + " (Cpus_allowed_list " + allowedList + ")");
        }
        return new CpuPinning(cpus.get(0), cpus.subList(1, cpus.size()), cpus, taskset.get());
    }

    /** The CPUs of a kernel CPU list such as {@code 0-2,5}, in order. */
    static List<Integer> cpus(String list) {
        List<Integer> out = new ArrayList<>();
        for (String part : list.strip().split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            int dash = part.indexOf('-');
            int from = Integer.parseInt(dash < 0 ? part : part.substring(0, dash));
            int to = dash < 0 ? from : Integer.parseInt(part.substring(dash + 1));
            for (int cpu = from; cpu <= to; cpu++) {
                out.add(cpu);
            }
        }
        return out;
    }

    /** {@code Cpus_allowed_list} of a process or thread, from its {@code status} file under /proc. */
    static String allowedList(Path status) throws Refused {
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException e) {
            throw new Refused("--pin cannot read which CPUs it may use: " + e.getMessage());
        }
        throw new Refused("--pin cannot read which CPUs it may use: no Cpus_allowed_list in " + status);
    }

    /** What goes before a measured child's command: taskset sets the mask, then execs it. */
    List<String> childPrefix() {
        return List.of(taskset.toString(), "-c", Integer.toString(child));
    }

    /** Puts every thread of the running process {@code pid} on {@link #harness}, and checks that each is there. */
    void pinAll(long pid) throws Refused {
        String cpus = text(harness);
        List<String> stray = List.of();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            run(List.of(taskset.toString(), "-a", "-p", "-c", cpus, Long.toString(pid)));
            stray = threadsElsewhere(pid);
            if (stray.isEmpty()) {
                return;
            }
        }
        throw new Refused("--pin: after taskset, threads " + stray + " of process " + pid + " still run outside CPUs " + cpus);
    }

    /** The threads of {@code pid} whose mask is not {@link #harness}, by thread id. */
    private List<String> threadsElsewhere(long pid) throws Refused {
        List<String> out = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                if (Files.exists(task) && !cpus(allowedList(task.resolve("status"))).equals(harness)) {
                    out.add(task.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new Refused("--pin cannot list the threads of process " + pid + ": " + e.getMessage());
        }
        return out;
    }

    /** Runs taskset, bounded; its output (a line per thread) goes to a file, so no pipe can fill and stall it. */
    private static void run(List<String> cmd) throws Refused {
        Path said = null;
        try {
            said = Files.createTempFile("taskset", ".txt");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(said.toFile()).start();
            try {
                if (!p.waitFor(TASKSET_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    String last = Files.readString(said, StandardCharsets.UTF_8).strip().lines().reduce((a, b) -> b).orElse("");
                    throw new Refused("--pin: " + String.join(" ", cmd) + " failed" + (last.isEmpty() ? "" : ": " + last));
                }
            } finally {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            throw new Refused("--pin cannot run taskset: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("--pin was interrupted while running taskset");
        } finally {
            deleteQuietly(said);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A temporary file left in /tmp is no reason to refuse.
            }
        }
    }

    /** A CPU list as the kernel and taskset write it, each CPU named: {@code 1,2,3}. */
    static String text(List<Integer> cpus) {
        return cpus.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** The report's line: which CPUs ran what. */
    public String describe() {
        return "on (--pin): each measured child (server, workload) on CPU " + child + ", the harness (the load client) on CPU"
                + (harness.size() > 1 ? "s " : " ") + text(harness) + ", set with " + taskset;
    }
}
