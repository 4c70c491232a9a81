package io.muxlab.delay.cli;

import io.muxlab.core.cli.Cli;
import io.muxlab.core.cli.UsageException;
import io.muxlab.delay.DelayQueue;
import io.muxlab.delay.TaskInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** {@code list}: pending tasks with their due times, then dead tasks. Needs the directory lock, so not while 'run' holds it. */
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
        try (DelayQueue queue = DelayQueue.open(Commands.dir(cmd, true), Commands.options(cmd))) {
            List<TaskInfo> pending = queue.pending();
            System.out.println("pending " + pending.size());
            pending.forEach(t -> System.out.println(line(t)));
            List<TaskInfo> dead = queue.dead();
            System.out.println("dead " + dead.size());
            dead.forEach(t -> System.out.println(line(t)));
        }
        return Cli.EXIT_OK;
    }

    private static String line(TaskInfo t) {
        String payload = new String(t.payload(), StandardCharsets.UTF_8);
        if (payload.length() > PAYLOAD_SHOWN) {
            payload = payload.substring(0, PAYLOAD_SHOWN) + "...";
        }
        return "  " + t.id() + "  due " + Instant.ofEpochMilli(t.dueMillis()) + "  " + t.name() + "  attempts " + t.attempts()
                + "  " + payload;
    }
}
