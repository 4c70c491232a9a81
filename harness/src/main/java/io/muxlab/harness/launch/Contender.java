package io.muxlab.harness.launch;

import java.util.ArrayList;
import java.util.List;

/**
 * One server in the comparison and how to start it as its own process.
 *
 * @param name short name used in reports and on the command line, e.g. {@code epoll-et}
 * @param kind who wrote it: ours, a peer, or an external command
 * @param command the command line; {@link #PORT} stands for the port it must listen on
 * @param announcesPort true if it prints {@code listening on HOST:PORT} first (our contract); an
 *     external command is instead waited for until its port accepts connections
 * @param answersCounters true if, while it runs, it answers {@code counters} on standard input with
 *     its counters so far (core's {@code ServerMain}: every Java contender; the C twins' {@code twin.h});
 *     an external command does not, so its counts, if any, cover its whole life
 * @param descriptorLimit highest descriptor number it can watch plus one (select: FD_SETSIZE), or 0 for none
 * @param jvm the Java runtime it runs on, as the report names it; null for an external command
 * @param notRun why it cannot run here ({@code not run: needs Java 21+ …}), or null if it can
 */
public record Contender(String name, Kind kind, List<String> command, boolean announcesPort, boolean answersCounters,
        int descriptorLimit,
        String jvm, String notRun) {
    /** Placeholder for the port in {@link #command}. */
    public static final String PORT = "{port}";

    public enum Kind {
        OURS, PEER, EXTERNAL
    }

    public Contender {
        command = List.copyOf(command);
    }

    /** The same server under another name and command line (a variant: extra options), on the same JVM. */
    public Contender variant(String variantName, List<String> variantCommand) {
        return new Contender(variantName, kind, variantCommand, announcesPort, answersCounters, descriptorLimit, jvm, notRun);
    }

    /** The command with {@link #PORT} replaced. */
    public List<String> commandFor(int port) {
        List<String> out = new ArrayList<>(command.size());
        for (String part : command) {
            out.add(part.replace(PORT, Integer.toString(port)));
        }
        return out;
    }
}
