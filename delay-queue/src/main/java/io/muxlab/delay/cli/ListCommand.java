package io.muxlab.delay.cli;

import io.muxlab.core.cli.Cli;
import io.muxlab.core.cli.UsageException;
import io.muxlab.delay.QueueSnapshot;
import io.muxlab.delay.TaskInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
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
        QueueSnapshot queue = QueueSnapshot.read(Commands.dir(cmd, true), Commands.options(cmd));
        List<TaskInfo> pending = queue.pending();
        System.out.println("pending " + pending.size());
        pending.forEach(t -> System.out.println(line(t)));
        List<TaskInfo> dead = queue.dead();
        System.out.println("dead " + dead.size());
        dead.forEach(t -> System.out.println(line(t)));
        return Cli.EXIT_OK;
    }

    private static String line(TaskInfo t) {
        return "  " + t.id() + "  due " + Instant.ofEpochMilli(t.dueMillis()) + "  " + t.name() + "  attempts " + t.attempts()
                + "  " + Escapes.shown(new String(t.payload(), StandardCharsets.UTF_8), PAYLOAD_SHOWN);
    }
}
