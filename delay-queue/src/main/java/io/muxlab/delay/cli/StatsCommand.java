package io.muxlab.delay.cli;

import io.muxlab.core.cli.Cli;
import io.muxlab.core.cli.UsageException;
import io.muxlab.delay.QueueSnapshot;
import io.muxlab.delay.QueueStats;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** {@code stats}: what the log holds, as counts, and how long replaying it took; reads without changing anything. */
final class StatsCommand {
    private StatsCommand() {
    }

    static int run(String[] args) throws UsageException, IOException {
        Options options = new Options();
        options.addOption(Commands.dirOption());
        CommandLine cmd = Cli.parse(options, args);
        if (Commands.help(cmd, "stats --dir DIR", "Prints pending, due and dead task counts, log size and recovery time.", options)) {
            return Cli.EXIT_OK;
        }
        Path dir = Commands.dir(cmd, true);
        Optional<Integer> viaRunner = ControlClient.call(dir, "stats");
        if (viaRunner.isPresent()) {
            return viaRunner.get();
        }
        QueueSnapshot queue = QueueSnapshot.read(dir, Commands.options(cmd));
        System.out.print(render(queue.stats(), queue.recoveryTime()));
        return Cli.EXIT_OK;
    }

    /** The counts as stats prints them; a running queue answers with its own (it adds what it did since open). */
    static String render(QueueStats s, Duration recovery) {
        return "pending " + s.pending() + "\ndue " + s.due() + "\ndead " + s.dead() + "\nlog bytes " + s.logBytes() + "\nlog files "
                + s.logFiles() + "\nrecovery ms " + recovery.toMillis() + "\n";
    }
}
