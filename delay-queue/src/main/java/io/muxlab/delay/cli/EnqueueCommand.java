package io.muxlab.delay.cli;

import io.muxlab.core.cli.Cli;
import io.muxlab.core.cli.UsageException;
import io.muxlab.delay.BulkEnqueue;
import io.muxlab.delay.DelayQueue;
import io.muxlab.delay.TaskRequest;
import io.muxlab.delay.log.IoErrors;
import io.muxlab.delay.log.RecordCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code enqueue}: one task from options, or many from a file of {@code task,delay,payload} lines.
 * A file is all or nothing: its tasks are written beside the log as they are read and join it with
 * one rename at the end ({@link BulkEnqueue}), so a bad line (exit 2, with its number), a full disk
 * (exit 1, with the errno) or a kill midway enqueues none of them, and memory stays one line's worth.
 */
final class EnqueueCommand {
    /** A progress line on standard error every this many lines. */
    private static final long PROGRESS_EVERY = 100_000;

    private EnqueueCommand() {
    }

    static Options options() {
        Options o = new Options();
        o.addOption(Commands.dirOption());
        o.addOption(Option.builder().longOpt("task").hasArg().argName("NAME").desc("task name: print or append").build());
        o.addOption(Option.builder().longOpt("delay").hasArg().argName("DELAY")
                .desc("how long from now: a whole number with ms, s, m, h or d (default 0ms)").build());
        o.addOption(Option.builder().longOpt("payload").hasArg().argName("TEXT").desc("the task's payload (default empty)").build());
        o.addOption(Option.builder().longOpt("payload-file").hasArg().argName("FILE")
                .desc("the task's payload: the bytes of FILE exactly, or of standard input for '-'").build());
        o.addOption(Option.builder().longOpt("file").hasArg().argName("FILE")
                .desc("enqueue every line of FILE, each 'task,delay,payload' (payload is the rest of the line; blank lines "
                        + "skipped), all or none")
                .build());
        o.addOption(Commands.fsyncOption());
        return o;
    }

    static int run(String[] args) throws UsageException, IOException {
        Options options = options();
        CommandLine cmd = Cli.parse(options, args);
        if (Commands.help(cmd, "enqueue --dir DIR (--task NAME [--delay D] [--payload TEXT | --payload-file FILE|-] | --file FILE)",
                "Enqueues tasks durably; prints the id (one task) or the number of tasks made durable (--file, all or none).",
                options)) {
            return Cli.EXIT_OK;
        }
        if (cmd.hasOption("file")) {
            if (cmd.hasOption("task") || cmd.hasOption("delay") || cmd.hasOption("payload") || cmd.hasOption("payload-file")) {
                throw new UsageException("--file cannot be combined with --task, --delay, --payload or --payload-file");
            }
            return enqueueFile(cmd, Path.of(cmd.getOptionValue("file")));
        }
        String task = cmd.getOptionValue("task");
        if (task == null) {
            throw new UsageException("--task NAME (or --file FILE) is required");
        }
        Commands.checkTaskName(task, "");
        TaskRequest request = new TaskRequest(task, payload(cmd, task), Delays.parse(cmd.getOptionValue("delay", "0ms")));
        Path dir = Commands.dir(cmd, false);
        Optional<Integer> viaRunner = ControlClient.call(dir, "enqueue " + task + " " + request.delay().toMillis() + " "
                + Base64.getEncoder().encodeToString(request.payload()));
        if (viaRunner.isPresent()) {
            return viaRunner.get();
        }
        try (DelayQueue queue = DelayQueue.open(dir, Commands.options(cmd))) {
            BuiltinTasks.register(queue, null, System.out);
            System.out.println("enqueued task " + queue.delay(request.name(), request.payload(), request.delay()));
        }
        return Cli.EXIT_OK;
    }

    private static int enqueueFile(CommandLine cmd, Path file) throws UsageException, IOException {
        Path dir = Commands.dir(cmd, false);
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--file " + file + ": no such file");
        }
        // A running queue reads the file itself, into its own state (DelayQueue.bulk): all or none there too.
        Optional<Integer> viaRunner = ControlClient.call(dir, "enqueue-file " + file.toAbsolutePath());
        if (viaRunner.isPresent()) {
            return viaRunner.get();
        }
        long count = 0;
        try (TaskFile in = TaskFile.open(file); BulkEnqueue bulk = BulkEnqueue.open(dir, Commands.options(cmd))) {
            try {
                for (TaskRequest r = in.next(); r != null; r = in.next()) {
                    bulk.add(r);
                    if (++count % PROGRESS_EVERY == 0) {
                        Commands.warn("enqueue: " + count + " lines read from " + file.getFileName()
                                + " (none durable until the whole file is)");
                    }
                }
                if (count == 0) {
                    throw new UsageException("--file " + file + " holds no tasks");
                }
                bulk.commit();
            } catch (IOException | UncheckedIOException e) {
                throw new IOException("nothing of " + file + " was enqueued: " + IoErrors.describe(e), e);
            }
        }
        System.out.println("enqueued " + count + " tasks");
        return Cli.EXIT_OK;
    }

    /**
     * The payload's bytes. From argv only if the JVM decoded it exactly: an argument the platform
     * charset could not decode (UTF-8 under LANG=C, or invalid UTF-8) arrives with U+FFFD in place of
     * the bytes, and storing that would silently change the task.
     */
    private static byte[] payload(CommandLine cmd, String task) throws UsageException, IOException {
        if (cmd.hasOption("payload") && cmd.hasOption("payload-file")) {
            throw new UsageException("--payload and --payload-file cannot be combined");
        }
        byte[] bytes;
        if (cmd.hasOption("payload-file")) {
            String from = cmd.getOptionValue("payload-file");
            if (from.equals("-")) {
                bytes = System.in.readAllBytes();
            } else if (Files.isRegularFile(Path.of(from))) {
                bytes = Files.readAllBytes(Path.of(from));
            } else {
                throw new UsageException("--payload-file " + from + ": no such file");
            }
        } else {
            String text = cmd.getOptionValue("payload", "");
            if (text.indexOf('\uFFFD') >= 0) {
                throw new UsageException("--payload could not be decoded exactly (not valid in this locale's charset, "
                        + System.getProperty("sun.jnu.encoding") + "); pass the bytes with --payload-file FILE or --payload-file -");
            }
            bytes = text.getBytes(StandardCharsets.UTF_8);
        }
        int max = RecordCodec.maxPayloadBytes(task.length());
        if (bytes.length > max) {
            throw new UsageException("a payload of " + bytes.length + " bytes is larger than the largest a task can carry (" + max + ")");
        }
        return bytes;
    }
}
