package io.muxlab.delay.cli;

import io.muxlab.core.cli.Cli;
import io.muxlab.core.cli.UsageException;
import io.muxlab.delay.DelayQueue;
import io.muxlab.delay.QueueFailedException;
import io.muxlab.delay.QueueStats;
import io.muxlab.delay.TaskInfo;
import io.muxlab.delay.log.IoErrors;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code run}: opens the queue, registers the built-in tasks, serves the other subcommands on the
 * queue's control socket ({@link ControlServer}) and runs the tasks with N workers until
 * SIGTERM/Ctrl-C (or, with {@code --until-empty}, until nothing is pending), then stops cleanly:
 * running handlers finish and are acknowledged, the log is synced, a summary line is printed, exit 0.
 * Two ways it exits 1 instead: the log failed (a full disk; the errno is named), or a handler did not
 * finish within {@link #GRACE} of the signal (a print blocked on a pipe nobody reads): its task is
 * left unacknowledged and runs again next time.
 */
final class RunCommand {
    static final Duration GRACE = Duration.ofSeconds(5);
    /** How far off the next task must be for --until-empty to say it is waiting. */
    private static final Duration NOTE_AFTER = Duration.ofSeconds(10);

    private RunCommand() {
    }

    static Options options() {
        Options o = new Options();
        o.addOption(Commands.dirOption());
        o.addOption(Option.builder().longOpt("workers").hasArg().argName("N").desc("worker threads (default 4)").build());
        o.addOption(Option.builder().longOpt("append-to").hasArg().argName("FILE")
                .desc("file the 'append' task appends its payload to, one line per task, fsynced before the task is acknowledged")
                .build());
        o.addOption(Option.builder().longOpt("until-empty")
                .desc("stop once no task is pending (dead tasks do not count); says so when the next is due much later").build());
        o.addOption(Option.builder().longOpt("tick").hasArg().argName("DELAY").desc("wheel tick, e.g. 10ms (default 10ms): a task fires up to one tick late; the ticker wakes only for ticks that hold a task").build());
        o.addOption(Option.builder().longOpt("max-attempts").hasArg().argName("N")
                .desc("handler calls before a failing task is dead (default 5)").build());
        o.addOption(Commands.fsyncOption());
        return o;
    }

    /**
     * Under --until-empty with nothing due or running, says once per wake-up time that run is
     * waiting for a task due later (otherwise it looks hung); returns the time it noted.
     */
    private static Instant noteWaiting(DelayQueue queue, Instant noted) {
        QueueStats s = queue.stats();
        if (s.due() > 0 || s.running() > 0) {
            return noted;
        }
        Optional<Instant> next = queue.nothingDueBefore();
        Instant now = Instant.now();
        if (next.isEmpty() || next.get().equals(noted) || Duration.between(now, next.get()).compareTo(NOTE_AFTER) < 0) {
            return noted;
        }
        long minutes = Duration.between(now, next.get()).toMinutes();
        Commands.warn("waiting: " + s.pending() + " pending, none due before " + next.get() + " (in about "
                + (minutes < 120 ? minutes + " min" : minutes / 60 + " h") + "); --until-empty waits for them "
                + "(Ctrl-C stops; they stay queued)");
        return next.get();
    }

    static int run(String[] args, OutputStream printTo) throws UsageException, IOException, InterruptedException {
        Options options = options();
        CommandLine cmd = Cli.parse(options, args);
        if (Commands.help(cmd, "run --dir DIR [--workers N] [--append-to FILE] [--until-empty]",
                "Runs due tasks with the built-in handlers: print (payload to standard output) and append "
                        + "(payload as a line of --append-to FILE). SIGTERM or Ctrl-C stops cleanly and exits 0; "
                        + "exit 1 if the log failed, or if a handler was still running " + GRACE.toSeconds()
                        + " s after the signal (its task runs again next time).", options)) {
            return Cli.EXIT_OK;
        }
        int workers = Cli.intOption(cmd, "workers", 4, 1, 1024);
        int maxAttempts = Cli.intOption(cmd, "max-attempts", 5, 1, 1000);
        Duration tick = Delays.parse(cmd.getOptionValue("tick", "10ms"));
        if (tick.toMillis() < 1) {
            throw new UsageException("--tick must be at least 1ms");
        }
        Path appendTo = cmd.hasOption("append-to") ? Path.of(cmd.getOptionValue("append-to")) : null;
        if (appendTo != null && appendTo.toAbsolutePath().getParent() != null && !Files.isDirectory(appendTo.toAbsolutePath().getParent())) {
            throw new UsageException("--append-to " + appendTo + ": its directory does not exist");
        }
        Path dir = Commands.dir(cmd, true);
        var queueOptions = Commands.options(cmd).withWorkers(workers).withTick(tick)
                .withRetries(maxAttempts, Duration.ofMillis(100), Duration.ofMinutes(10));
        CountDownLatch stop = new CountDownLatch(1);
        DelayQueue queue = DelayQueue.open(dir, queueOptions);
        AppendHandler append = null;
        ControlCommands commands = null;
        ControlServer control = null;
        SignalHandler oldTerm = null;
        SignalHandler oldInt = null;
        try {
            append = BuiltinTasks.register(queue, appendTo, printTo);
            if (appendTo == null) {
                for (TaskInfo t : queue.pending()) {
                    if (t.name().equals("append")) {
                        throw new UsageException("pending 'append' tasks need --append-to FILE");
                    }
                }
            }
            commands = new ControlCommands(queue);
            try {
                control = new ControlServer(dir, commands::handle);
            } catch (IOException e) {
                // A socket path longer than sun_path's 108 bytes, say: the queue still runs, unreachable.
                Commands.warn("no control socket in " + dir + " (" + IoErrors.describe(e) + "): other subcommands cannot "
                        + "reach this run while it holds the queue");
            }
            oldTerm = Signal.handle(new Signal("TERM"), s -> stop.countDown());
            oldInt = Signal.handle(new Signal("INT"), s -> stop.countDown());
            // Before the first task, so it is the first line whatever the tasks print.
            System.out.println("running " + dir + ": " + queue.stats().pending() + " pending, " + workers + " workers");
            System.out.flush();
            queue.start();
            QueueFailedException failed = null;
            try {
                if (cmd.hasOption("until-empty")) {
                    boolean idle = false;
                    Instant noted = null;
                    while (!idle && stop.getCount() > 0) {
                        idle = queue.awaitIdle(Duration.ofMillis(100));
                        noted = idle ? noted : noteWaiting(queue, noted);
                    }
                } else {
                    while (!stop.await(100, TimeUnit.MILLISECONDS)) {
                        queue.awaitIdle(Duration.ZERO);
                    }
                }
            } catch (QueueFailedException e) {
                failed = e;
            }
            // No new requests; one not answered yet was not acknowledged. Then workers finish what
            // they hold and write its done record before the summary.
            if (control != null) {
                control.close();
            }
            int abandoned = queue.close(GRACE);
            if (abandoned > 0) {
                // Standard output may be what blocks them: the summary goes where it cannot block.
                Commands.warn("stopped with " + abandoned + " handler(s) still running " + GRACE.toSeconds() + " s after the "
                        + "signal (is standard output stalled?); their tasks were not acknowledged and run again next time");
                Commands.warn("stopped: " + queue.stats().summary());
                return Cli.EXIT_FAILURE;
            }
            System.out.println("stopped: " + queue.stats().summary());
            if (failed != null) {
                // The queue said why on standard error when it stopped.
                return Cli.EXIT_FAILURE;
            }
        } finally {
            if (control != null) {
                control.close();
            }
            if (commands != null) {
                commands.close();
            }
            queue.close();
            if (append != null) {
                append.close();
            }
            if (oldTerm != null) {
                Signal.handle(new Signal("TERM"), oldTerm);
                Signal.handle(new Signal("INT"), oldInt);
            }
        }
        return Cli.EXIT_OK;
    }
}
