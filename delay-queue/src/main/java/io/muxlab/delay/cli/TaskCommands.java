package io.muxlab.delay.cli;

import io.muxlab.core.cli.Cli;
import io.muxlab.core.cli.UsageException;
import io.muxlab.delay.DelayQueue;
import io.muxlab.delay.TaskInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * The subcommands that change single tasks: {@code cancel ID}, {@code requeue ID | --all-dead} and
 * {@code purge-dead --yes}. Each asks the {@code run} holding the queue through its control socket
 * if there is one, or else opens the queue as a writer; either way its records are durable before it
 * prints, so what it reports is what the next open sees.
 */
final class TaskCommands {
    private TaskCommands() {
    }

    /** {@code cancel --dir D ID}: exit 0 if cancelled, 1 if the id is unknown, done or running. */
    static int cancel(String[] args) throws UsageException, IOException {
        Options options = withDir();
        List<String> ids = new ArrayList<>();
        CommandLine cmd = Cli.parse(options, Commands.positional(options, args, ids));
        if (Commands.help(cmd, "cancel --dir DIR ID", "Cancels a waiting or dead task for good (a running one cannot be).", options)) {
            return Cli.EXIT_OK;
        }
        long id = id(ids, "cancel");
        Optional<Integer> viaRunner = ControlClient.call(Commands.dir(cmd, true), "cancel " + id);
        if (viaRunner.isPresent()) {
            return viaRunner.get();
        }
        try (DelayQueue queue = DelayQueue.open(Commands.dir(cmd, true), Commands.options(cmd))) {
            if (!queue.cancel(id)) {
                Commands.warn("task " + id + " is not waiting or dead (unknown, done, or running right now): not cancelled");
                return Cli.EXIT_FAILURE;
            }
            System.out.println("cancelled task " + id);
        }
        return Cli.EXIT_OK;
    }

    /** {@code requeue --dir D (ID | --all-dead)}: dead tasks back, due now, attempts reset. */
    static int requeue(String[] args) throws UsageException, IOException {
        Options options = withDir();
        options.addOption(Option.builder().longOpt("all-dead").desc("requeue every dead task").build());
        List<String> ids = new ArrayList<>();
        CommandLine cmd = Cli.parse(options, Commands.positional(options, args, ids));
        if (Commands.help(cmd, "requeue --dir DIR (ID | --all-dead)", "Puts dead tasks back, due now, with their attempts reset.",
                options)) {
            return Cli.EXIT_OK;
        }
        boolean all = cmd.hasOption("all-dead");
        if (all && !ids.isEmpty()) {
            throw new UsageException("requeue takes an ID or --all-dead, not both");
        }
        long id = all ? 0 : id(ids, "requeue");
        Optional<Integer> viaRunner = ControlClient.call(Commands.dir(cmd, true), "requeue " + (all ? "--all-dead" : id));
        if (viaRunner.isPresent()) {
            return viaRunner.get();
        }
        try (DelayQueue queue = DelayQueue.open(Commands.dir(cmd, true), Commands.options(cmd))) {
            if (!all) {
                if (!queue.requeue(id)) {
                    Commands.warn("task " + id + " is not dead: not requeued");
                    return Cli.EXIT_FAILURE;
                }
                System.out.println("requeued task " + id);
                return Cli.EXIT_OK;
            }
            long n = 0;
            for (TaskInfo t : queue.dead()) {
                n += queue.requeue(t.id()) ? 1 : 0;
            }
            System.out.println("requeued " + n + " dead tasks");
        }
        return Cli.EXIT_OK;
    }

    /** {@code purge-dead --dir D --yes}: cancels every dead task; without --yes, says how many it would. */
    static int purgeDead(String[] args) throws UsageException, IOException {
        Options options = withDir();
        options.addOption(Option.builder().longOpt("yes").desc("really delete them (without it, nothing changes)").build());
        CommandLine cmd = Cli.parse(options, args);
        if (Commands.help(cmd, "purge-dead --dir DIR --yes", "Deletes every dead task for good.", options)) {
            return Cli.EXIT_OK;
        }
        if (cmd.hasOption("yes")) {
            Optional<Integer> viaRunner = ControlClient.call(Commands.dir(cmd, true), "purge-dead");
            if (viaRunner.isPresent()) {
                return viaRunner.get();
            }
        }
        try (DelayQueue queue = DelayQueue.open(Commands.dir(cmd, true), Commands.options(cmd))) {
            List<TaskInfo> dead = queue.dead();
            if (!cmd.hasOption("yes")) {
                throw new UsageException("purge-dead deletes " + dead.size() + " dead tasks for good; add --yes to do it");
            }
            long n = 0;
            for (TaskInfo t : dead) {
                n += queue.cancel(t.id()) ? 1 : 0;
            }
            System.out.println("purged " + n + " dead tasks");
        }
        return Cli.EXIT_OK;
    }

    private static Options withDir() {
        Options o = new Options();
        o.addOption(Commands.dirOption());
        o.addOption(Commands.fsyncOption());
        return o;
    }

    private static long id(List<String> rest, String command) throws UsageException {
        if (rest.size() != 1) {
            throw new UsageException(command + " takes one task ID");
        }
        try {
            long id = Long.parseLong(rest.get(0));
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // Reported below with the value.
        }
        throw new UsageException("not a task ID: '" + rest.get(0) + "' (ids are whole numbers from 1, as list prints them)");
    }
}
