package io.muxlab.delay.cli;

import io.muxlab.core.cli.UsageException;
import io.muxlab.delay.QueueOptions;
import io.muxlab.delay.log.FsyncPolicy;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** What the subcommands share: the built-in task names, --dir and --fsync. */
final class Commands {
    static final String PROGRAM = "delay-queue";
    static final Set<String> TASK_NAMES = Set.of("print", "append");

    private Commands() {
    }

    static Option dirOption() {
        return Option.builder().longOpt("dir").hasArg().argName("DIR").desc("the queue directory (required)").build();
    }

    static Option fsyncOption() {
        return Option.builder().longOpt("fsync").hasArg().argName("POLICY")
                .desc("always | batch | never: when a record counts as durable (default batch: group commit)").build();
    }

    /** The --dir value; {@code mustExist} for commands that read an existing queue. */
    static Path dir(CommandLine cmd, boolean mustExist) throws UsageException {
        String value = cmd.getOptionValue("dir");
        if (value == null) {
            throw new UsageException("--dir DIR is required");
        }
        if (value.isBlank()) {
            // An unset shell variable ("--dir $QUEUE") must not quietly mean the current directory.
            throw new UsageException("--dir is empty (an unset variable?); name the queue directory");
        }
        Path dir = Path.of(value);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException("--dir " + value + " is not a directory");
        }
        if (mustExist && !Files.isDirectory(dir)) {
            throw new UsageException("no queue directory " + value);
        }
        if (!mustExist && !Files.isDirectory(dir.toAbsolutePath().getParent())) {
            throw new UsageException("cannot create --dir " + value + ": its parent directory does not exist");
        }
        return dir;
    }

    static QueueOptions options(CommandLine cmd) throws UsageException {
        String policy = cmd.getOptionValue("fsync", "batch");
        FsyncPolicy fsync;
        try {
            fsync = FsyncPolicy.valueOf(policy.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--fsync must be always, batch or never, not '" + policy + "'");
        }
        return QueueOptions.defaults().withFsync(fsync).withWarnings(Commands::warn);
    }

    /**
     * Splits the arguments that are not options nor option values (a task ID) into {@code positional}
     * and returns the rest, for {@code Cli.parse}, which accepts options only.
     */
    static String[] positional(Options options, String[] args, List<String> positional) {
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("-") || a.equals("-")) {
                positional.add(a);
                continue;
            }
            rest.add(a);
            String name = a.replaceFirst("^--?", "");
            Option o = a.contains("=") ? null : options.getOption(name);
            if (o != null && o.hasArg() && i + 1 < args.length) {
                rest.add(args[++i]);
            }
        }
        return rest.toArray(new String[0]);
    }

    /** One line on standard error, the program's name first (library messages carry none of their own). */
    static void warn(String line) {
        System.err.println(PROGRAM + ": " + line);
    }

    static void checkTaskName(String name, String where) throws UsageException {
        if (!TASK_NAMES.contains(name)) {
            throw new UsageException(where + "unknown task '" + name + "' (built-in tasks: append, print)");
        }
    }

    /** Prints a subcommand's help (Cli.printHelp's layout, with the subcommand in the usage line) if asked. */
    static boolean help(CommandLine cmd, String usage, String header, Options options) {
        if (!cmd.hasOption("help")) {
            return false;
        }
        HelpFormatter formatter = HelpFormatter.builder().get();
        PrintWriter out = new PrintWriter(System.out, true);
        formatter.printHelp(out, 100, "java -jar " + PROGRAM + ".jar " + usage, "\n" + header + "\n\n", options, 2, 2, "", false);
        out.flush();
        return true;
    }
}
