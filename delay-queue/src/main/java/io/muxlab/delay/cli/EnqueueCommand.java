package io.muxlab.delay.cli;

import io.muxlab.core.cli.Cli;
import io.muxlab.core.cli.UsageException;
import io.muxlab.delay.DelayQueue;
import io.muxlab.delay.TaskRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code enqueue}: one task from options, or many from a file of {@code task,delay,payload} lines.
 * A file is checked whole before anything is enqueued, so a bad line (reported with its number)
 * enqueues nothing from that file; what the queue held before is untouched either way.
 */
final class EnqueueCommand {
    private static final int BATCH = 1000;

    private EnqueueCommand() {
    }

    static Options options() {
        Options o = new Options();
        o.addOption(Commands.dirOption());
        o.addOption(Option.builder().longOpt("task").hasArg().argName("NAME").desc("task name: print or append").build());
        o.addOption(Option.builder().longOpt("delay").hasArg().argName("DELAY")
                .desc("how long from now: a whole number with ms, s, m, h or d (default 0ms)").build());
        o.addOption(Option.builder().longOpt("payload").hasArg().argName("TEXT").desc("the task's payload (default empty)").build());
        o.addOption(Option.builder().longOpt("file").hasArg().argName("FILE")
                .desc("enqueue every line of FILE, each 'task,delay,payload' (payload is the rest of the line; blank lines skipped)")
                .build());
        o.addOption(Commands.fsyncOption());
        return o;
    }

    static int run(String[] args) throws UsageException, IOException {
        Options options = options();
        CommandLine cmd = Cli.parse(options, args);
        if (Commands.help(cmd, "enqueue --dir DIR (--task NAME [--delay D] [--payload TEXT] | --file FILE)",
                "Enqueues tasks durably; prints the id (one task) or the number of tasks made durable (--file).", options)) {
            return Cli.EXIT_OK;
        }
        List<TaskRequest> requests;
        if (cmd.hasOption("file")) {
            if (cmd.hasOption("task") || cmd.hasOption("delay") || cmd.hasOption("payload")) {
                throw new UsageException("--file cannot be combined with --task, --delay or --payload");
            }
            requests = readFile(Path.of(cmd.getOptionValue("file")));
        } else {
            String task = cmd.getOptionValue("task");
            if (task == null) {
                throw new UsageException("--task NAME (or --file FILE) is required");
            }
            Commands.checkTaskName(task, "");
            requests = List.of(new TaskRequest(task, cmd.getOptionValue("payload", "").getBytes(StandardCharsets.UTF_8),
                    Delays.parse(cmd.getOptionValue("delay", "0ms"))));
        }
        Path dir = Commands.dir(cmd, false);
        try (DelayQueue queue = DelayQueue.open(dir, Commands.options(cmd))) {
            BuiltinTasks.register(queue, null);
            long count = 0;
            long lastId = 0;
            for (int i = 0; i < requests.size(); i += BATCH) {
                long[] ids = queue.delayAll(requests.subList(i, Math.min(requests.size(), i + BATCH)));
                count += ids.length;
                lastId = ids[ids.length - 1];
            }
            if (cmd.hasOption("file")) {
                System.out.println("enqueued " + count + " tasks");
            } else {
                System.out.println("enqueued task " + lastId);
            }
        }
        return Cli.EXIT_OK;
    }

    private static List<TaskRequest> readFile(Path file) throws UsageException {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--file " + file + ": no such file");
        }
        List<TaskRequest> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String where = file.getFileName() + " line " + number + ": ";
                int first = line.indexOf(',');
                int second = first < 0 ? -1 : line.indexOf(',', first + 1);
                if (second < 0) {
                    throw new UsageException(where + "expected 'task,delay,payload', got '" + line + "'");
                }
                String task = line.substring(0, first).trim();
                Commands.checkTaskName(task, where);
                try {
                    out.add(new TaskRequest(task, line.substring(second + 1).getBytes(StandardCharsets.UTF_8),
                            Delays.parse(line.substring(first + 1, second))));
                } catch (UsageException e) {
                    throw new UsageException(where + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UsageException("--file " + file + ": cannot read: " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new UsageException("--file " + file + " holds no tasks");
        }
        return out;
    }
}
