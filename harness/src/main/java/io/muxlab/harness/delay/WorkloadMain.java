package io.muxlab.harness.delay;

import io.muxlab.core.cli.Cli;
import io.muxlab.core.cli.UsageException;
import java.nio.file.Path;
import java.io.PrintWriter;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * The child JVM of one delay-queue run: makes one measurement and prints one
 * {@link WorkloadResult#line() result line} for the harness to read. The harness starts it as
 * {@code java -cp harness/target/harness.jar io.muxlab.harness.delay.WorkloadMain --measure enqueue --server batch ...},
 * so every figure comes from a fresh process of its own (the harness never measures in its own
 * JVM); run by hand, it prints the same line. Our queue needs {@code --dir}, which it creates and
 * leaves behind (the harness deletes it).
 */
public final class WorkloadMain {
    static final String PROGRAM = "delay-workload";
    /** How it is started: it has no jar of its own (Cli's help and usage lines assume one). */
    static final String COMMAND = "java -cp harness/target/harness.jar " + WorkloadMain.class.getName();

    private WorkloadMain() {
    }

    public static void main(String[] args) {
        WorkloadSpec spec;
        Path dir;
        Options options = options();
        try {
            CommandLine cmd = Cli.parse(options, args);
            if (cmd.hasOption("help")) {
                help(options);
                System.exit(Cli.EXIT_OK);
                return;
            }
            spec = spec(cmd);
            dir = spec.server().ours() ? Path.of(required(cmd, "dir")) : null;
        } catch (UsageException e) {
            System.err.println(PROGRAM + ": " + e.getMessage());
            System.err.println("Try '" + COMMAND + " --help'.");
            System.exit(Cli.EXIT_USAGE);
            return;
        }
        try {
            System.out.println(run(spec, dir).line());
            System.exit(Cli.EXIT_OK);
        } catch (Exception e) {
            System.err.println(PROGRAM + ": " + spec.label() + " failed: " + e);
            e.printStackTrace();
            System.exit(Cli.EXIT_FAILURE);
        }
    }

    static WorkloadResult run(WorkloadSpec s, Path dir) throws Exception {
        DelayServer server = s.server();
        int n = s.repeats();
        return switch (s.measure()) {
            case ENQUEUE -> server.ours()
                    ? DelayQueueWorkloads.enqueue(dir, server, s.producers(), s.tasksPerCall(), s.inFlight(), s.warmupMillis(),
                            s.windowMillis(), s.maxTasks(), n)
                    : ReferenceWorkloads.enqueue(server, s.producers(), s.warmupMillis(), s.windowMillis(), s.maxTasks(), n);
            case LATENESS -> server.ours()
                    ? DelayQueueWorkloads.lateness(dir, server, s.pending(), s.probes(), s.spreadMillis(), n)
                    : ReferenceWorkloads.lateness(server, s.pending(), s.probes(), s.spreadMillis(), n);
            case RECOVERY -> server.ours()
                    ? DelayQueueWorkloads.recovery(dir, server, s.pending(), n)
                    : ReferenceWorkloads.footprint(server, s.pending(), n);
        };
    }

    /** The options as {@link WorkloadSpec#args} writes them, checked per measure. */
    static WorkloadSpec spec(CommandLine cmd) throws UsageException {
        Measure measure;
        DelayServer server;
        try {
            measure = Measure.byId(required(cmd, "measure"));
            server = DelayServer.byLabel(required(cmd, "server"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        int repeats = Cli.intOption(cmd, "repeats", 1, 1, 20);
        WorkloadSpec spec = switch (measure) {
            case ENQUEUE -> enqueue(cmd, server);
            case LATENESS -> WorkloadSpec.lateness(server, Cli.intOption(cmd, "pending", 1000, 0, 50_000_000),
                    Cli.intOption(cmd, "probes", 2000, 1, 10_000_000), Cli.intOption(cmd, "spread-ms", 2000, 0, 600_000));
            case RECOVERY -> WorkloadSpec.recovery(server, Cli.intOption(cmd, "pending", 1_000_000, 1, 50_000_000));
        };
        return spec.withRepeats(repeats);
    }

    private static WorkloadSpec enqueue(CommandLine cmd, DelayServer server) throws UsageException {
        int producers = Cli.intOption(cmd, "producers", 8, 1, 4096);
        int tasksPerCall = tasksPerCall(cmd, server);
        int inFlight = Cli.intOption(cmd, "in-flight", 0, 0, 1_000_000);
        if (inFlight > 0 && (!server.ours() || tasksPerCall != 1)) {
            throw new UsageException("--in-flight " + inFlight + ": delayAsync is our queue's, one task per call ("
                    + server.label() + (tasksPerCall != 1 ? ", --tasks-per-call " + tasksPerCall : "") + ")");
        }
        long warmup = Cli.intOption(cmd, "warmup-ms", 500, 0, 600_000);
        long window = Cli.intOption(cmd, "window-ms", 1500, 1, 600_000);
        long maxTasks = Cli.intOption(cmd, "max-tasks", 2_000_000, 1, Integer.MAX_VALUE);
        return inFlight > 0 ? WorkloadSpec.enqueueAsync(server, producers, inFlight, warmup, window, maxTasks)
                : WorkloadSpec.enqueue(server, producers, tasksPerCall, warmup, window, maxTasks);
    }

    /** Many tasks per call is {@code delayAll}, which only our queue has. */
    private static int tasksPerCall(CommandLine cmd, DelayServer server) throws UsageException {
        int n = Cli.intOption(cmd, "tasks-per-call", 1, 1, 100_000);
        if (n > 1 && !server.ours()) {
            throw new UsageException("--tasks-per-call " + n + ": " + server.label() + " has no batch API (only 1 applies to it)");
        }
        return n;
    }

    private static void help(Options options) {
        PrintWriter out = new PrintWriter(System.out, true);
        HelpFormatter.builder().get().printHelp(out, 100, COMMAND + " [options]", "\nOne delay-queue measurement in this "
                + "JVM; prints one '" + WorkloadResult.PREFIX + "' line, each figure once per repeat (tasks.1, tasks.2, …). The "
                + "harness's delay-queue section runs it once per row.\n\n", options, 2, 2, "\nServers: always, batch, never (our queue's fsync policies), j.u.c.DelayQueue, "
                + "ScheduledThreadPoolExecutor. See docs/delay-queue.md.", false);
        out.flush();
    }

    static Options options() {
        Options o = new Options();
        o.addOption(arg("measure", "WHAT", "enqueue, lateness or recovery"));
        o.addOption(arg("server", "NAME", "always, batch or never (our queue), j.u.c.DelayQueue or ScheduledThreadPoolExecutor"));
        o.addOption(arg("dir", "DIR", "queue directory, required for our queue (created; left for the caller to delete)"));
        o.addOption(arg("producers", "N", "enqueue: producer threads (default 8)"));
        o.addOption(arg("tasks-per-call", "N", "enqueue: tasks per call (default 1, one delay per task); more is one delayAll "
                + "of N tasks, our queue only"));
        o.addOption(arg("in-flight", "N", "enqueue: one delayAsync per task, each producer keeping up to N futures in "
                + "flight and counting a task once its future completes (durable); our queue only, one task per call "
                + "(default 0: each call waits)"));
        o.addOption(arg("warmup-ms", "MS", "enqueue: load before the counted window (default 500)"));
        o.addOption(arg("window-ms", "MS", "enqueue: the counted window (default 1500)"));
        o.addOption(arg("max-tasks", "N", "enqueue: close the window early at this many tasks (default 2000000)"));
        o.addOption(arg("pending", "N", "lateness: tasks waiting an hour ahead (default 1000); recovery: tasks to reload "
                + "(default 1000000)"));
        o.addOption(arg("probes", "N", "lateness: timed tasks (default 2000)"));
        o.addOption(arg("spread-ms", "MS", "lateness: the probes fall due evenly over this stretch (default 2000)"));
        o.addOption(arg("repeats", "N", "measure N times in this JVM and report each: enqueue windows after one warm-up, "
                + "lateness rounds of --probes, reopenings of one filled queue (default 1)"));
        return o;
    }

    private static Option arg(String name, String argName, String desc) {
        return Option.builder().longOpt(name).hasArg().argName(argName).desc(desc).build();
    }

    private static String required(CommandLine cmd, String name) throws UsageException {
        String v = cmd.getOptionValue(name);
        if (v == null) {
            throw new UsageException("--" + name + " is required");
        }
        return v;
    }
}
