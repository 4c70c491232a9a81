package io.muxlab.delay.cli;

import io.muxlab.core.cli.Cli;
import io.muxlab.core.cli.UsageException;
import io.muxlab.delay.QueueSnapshot;
import io.muxlab.delay.TaskInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code list}: pending tasks with their due times (ISO-8601, UTC), then dead tasks; payloads escaped
 * so each task is one line. Reads without changing anything (see {@link QueueSnapshot}).
 */
final class ListCommand {
    private static final int PAYLOAD_SHOWN = 60;

    private ListCommand() {
    }

    static int run(String[] args) throws UsageException, IOException {
        Options options = new Options();
        options.addOption(Commands.dirOption());
        CommandLine cmd = Cli.parse(options, args);
        if (Commands.help(cmd, "list --dir DIR", "Lists pending tasks (id, due time, task, failed attempts, payload), then dead ones.",
                options)) {
            return Cli.EXIT_OK;
        }
        Path dir = Commands.dir(cmd, true);
        Optional<Integer> viaRunner = ControlClient.call(dir, "list");
        if (viaRunner.isPresent()) {
            return viaRunner.get();
        }
        QueueSnapshot queue = QueueSnapshot.read(dir, Commands.options(cmd));
        System.out.print(render(queue.pending(), queue.dead()));
        return Cli.EXIT_OK;
    }

    /** The listing, one line per task, as list prints it (also what a running queue answers through its control socket). */
    static String render(List<TaskInfo> pending, List<TaskInfo> dead) {
        StringBuilder out = new StringBuilder();
        out.append("pending ").append(pending.size()).append('\n');
        pending.forEach(t -> out.append(line(t)).append('\n'));
        out.append("dead ").append(dead.size()).append('\n');
        dead.forEach(t -> out.append(line(t)).append('\n'));
        return out.toString();
    }

    private static String line(TaskInfo t) {
        return "  " + t.id() + "  due " + Instant.ofEpochMilli(t.dueMillis()) + "  " + t.name() + "  attempts " + t.attempts()
                + "  " + Escapes.shown(new String(t.payload(), StandardCharsets.UTF_8), PAYLOAD_SHOWN);
    }
}
