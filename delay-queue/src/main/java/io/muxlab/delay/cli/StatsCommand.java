package io.muxlab.delay.cli;

import io.muxlab.core.cli.Cli;
import io.muxlab.core.cli.UsageException;
import io.muxlab.delay.QueueSnapshot;
import io.muxlab.delay.QueueStats;
import java.io.IOException;
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
        QueueSnapshot queue = QueueSnapshot.read(Commands.dir(cmd, true), Commands.options(cmd));
        QueueStats s = queue.stats();
        System.out.println("pending " + s.pending());
        System.out.println("due " + s.due());
        System.out.println("dead " + s.dead());
        System.out.println("log bytes " + s.logBytes());
        System.out.println("log files " + s.logFiles());
        System.out.println("recovery ms " + queue.recoveryTime().toMillis());
        return Cli.EXIT_OK;
    }
}
