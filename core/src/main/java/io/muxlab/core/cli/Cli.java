package io.muxlab.core.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * Parsing and help for every muxlab main, on Commons CLI: one way to spell errors ("PROGRAM: what
 * is wrong", exit status 2) and one layout for {@code --help}.
 */
public final class Cli {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    private Cli() {
    }

    /** Adds {@code --help}, parses, and rejects stray arguments. */
    public static CommandLine parse(Options options, String[] args) throws UsageException {
        if (!options.hasLongOption("help")) {
            options.addOption(Option.builder("h").longOpt("help").desc("show this help and exit").build());
        }
        try {
            CommandLine cmd = new DefaultParser().parse(options, args);
            if (!cmd.getArgList().isEmpty() && !cmd.hasOption("help")) {
                throw new UsageException("unexpected argument '" + cmd.getArgList().get(0) + "'");
            }
            return cmd;
        } catch (ParseException e) {
            throw new UsageException(e.getMessage());
        }
    }

    public static void printHelp(String program, String header, Options options, String footer) {
        HelpFormatter formatter = HelpFormatter.builder().get();
        formatter.setWidth(100);
        PrintWriter out = new PrintWriter(System.out, true);
        formatter.printHelp(out, 100, "java -jar " + program + ".jar [options]", "\n" + header + "\n\n", options,
                2, 2, footer == null ? "" : "\n" + footer, false);
        out.flush();
    }

    /** Prints {@code PROGRAM: message} and a pointer to --help on standard error; returns {@link #EXIT_USAGE}. */
    public static int usageError(String program, String message) {
        System.err.println(program + ": " + message);
        System.err.println("Try 'java -jar " + program + ".jar --help'.");
        return EXIT_USAGE;
    }

    /** An integer option with a default, and a clear error when it is not one. */
    public static int intOption(CommandLine cmd, String name, int defaultValue, int min, int max) throws UsageException {
        String value = cmd.getOptionValue(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) {
                throw new UsageException("--" + name + " must be in " + min + ".." + max + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " takes a whole number, not '" + value + "'");
        }
    }

    /** A duration option in nanoseconds: {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1.5s}; a bare number is seconds. */
    public static long durationOption(CommandLine cmd, String name, long defaultNanos, long minNanos, long maxNanos)
            throws UsageException {
        String value = cmd.getOptionValue(name);
        if (value == null) {
            return defaultNanos;
        }
        String s = value.trim().toLowerCase(Locale.ROOT);
        double unit = 1e9;
        if (s.endsWith("ms")) {
            unit = 1e6;
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("m")) {
            unit = 60e9;
            s = s.substring(0, s.length() - 1);
        } else if (s.endsWith("s")) {
            s = s.substring(0, s.length() - 1);
        }
        double nanos;
        try {
            nanos = Double.parseDouble(s) * unit;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " takes a duration such as 30s or 500ms, not '" + value + "'");
        }
        if (!(nanos >= minNanos && nanos <= maxNanos)) {
            throw new UsageException("--" + name + " must be between " + minNanos / 1_000_000 + " ms and "
                    + maxNanos / 1_000_000_000L + " s, not '" + value + "'");
        }
        return (long) nanos;
    }

    /** A byte size option: {@code 4096}, {@code 64k}, {@code 1m}, {@code 2g} (powers of 1024). */
    public static long bytesOption(CommandLine cmd, String name, long defaultValue, long min, long max) throws UsageException {
        String value = cmd.getOptionValue(name);
        if (value == null) {
            return defaultValue;
        }
        long n;
        try {
            n = Sizes.parseBytes(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + name + ": " + e.getMessage());
        }
        if (n < min || n > max) {
            throw new UsageException("--" + name + " must be in " + min + ".." + max + " bytes, not " + n);
        }
        return n;
    }
}
