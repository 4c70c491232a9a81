package io.muxlab.harness.echo;

import io.muxlab.harness.format.Fmt;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The measured half of the echo sections' captions, computed from the rows they sit beside (each
 * point's median): the trend this run shows, or that it does not show the expected one. The
 * sections add what never changes (how a figure is measured, which page explains it).
 */
final class EchoCaptions {
    /** A server carried the offered rate if it echoed at least this share of it. */
    static final double CARRIED = 0.95;
    /** At this share of a core a single-loop server is saturated. */
    static final double SATURATED_CORES = 0.9;
    /** Two figures within this ratio are "about the same". */
    static final double SAME = 1.05;

    private EchoCaptions() {
    }

    /** Fixed rate: whether every server did the same work, and which one spent least and most CPU on it. */
    static String cpuAtFixedRate(List<EchoRow> rows, double offered) {
        List<EchoRow> ok = rows.stream().filter(r -> r.measured() && Double.isFinite(r.serverCpuMicrosPerMessage())).toList();
        if (ok.isEmpty()) {
            return "No server was measured at the offered load in this run.";
        }
        List<String> unlike = new ArrayList<>();
        for (EchoRow r : ok) {
            if (r.messagesPerSecond() < CARRIED * offered) {
                unlike.add(r.server() + " carried only " + Fmt.count(r.messagesPerSecond()) + " msg/s");
            } else if (r.serverCores() >= SATURATED_CORES) {
                unlike.add(r.server() + " used " + Fmt.decimal(r.serverCores(), 2) + " of a core");
            }
        }
        EchoRow least = ok.stream().min(Comparator.comparingDouble(EchoRow::serverCpuMicrosPerMessage)).orElseThrow();
        EchoRow most = ok.stream().max(Comparator.comparingDouble(EchoRow::serverCpuMicrosPerMessage)).orElseThrow();
        String range = String.format(Locale.ROOT, "least CPU per echo: %s (%s µs), most: %s (%s µs).", least.server(),
                Fmt.decimal(least.serverCpuMicrosPerMessage(), 1), most.server(), Fmt.decimal(most.serverCpuMicrosPerMessage(), 1));
        if (unlike.isEmpty()) {
            double busiest = ok.stream().mapToDouble(EchoRow::serverCores).max().orElse(Double.NaN);
            return "Every server carried the offered " + Fmt.count(offered) + " msg/s, the busiest using "
                    + Fmt.decimal(busiest, 2) + " of a core, so all did the same work and the one that burns less CPU per "
                    + "echo is the leaner one: " + range;
        }
        return "Not every server did the same work at " + Fmt.count(offered) + " msg/s: " + String.join(", ", unlike)
                + ". A saturated server's CPU per echo is not a like-for-like comparison with the others'; " + range;
    }

    /** Fixed rate: level- against edge-triggered epoll, the one pair whose syscalls differ by design. */
    static String levelVsEdge(List<EchoRow> rows) {
        Optional<EchoRow> lt = counted(rows, "epoll-lt");
        Optional<EchoRow> et = counted(rows, "epoll-et");
        if (lt.isEmpty() || et.isEmpty()) {
            return "epoll-lt and epoll-et were not both measured, so this run does not compare level- and edge-triggered epoll.";
        }
        double l = lt.get().syscallsPerMessage();
        double e = et.get().syscallsPerMessage();
        String both = "(epoll-et " + Fmt.decimal(e, 2) + ", epoll-lt " + Fmt.decimal(l, 2) + " syscalls per echo)";
        if (e > l * SAME) {
            return "Edge-triggered epoll made more calls per echo than level-triggered " + both + ": it must read until "
                    + "EAGAIN, so each wake-up ends in one more read that finds nothing.";
        }
        if (l > e * SAME) {
            return "Level-triggered epoll made more calls per echo than edge-triggered " + both + ": it is woken again "
                    + "for readiness it has already served.";
        }
        return "Level- and edge-triggered epoll made about the same calls per echo " + both + ": at this load neither "
                + "edge-triggered's read until EAGAIN nor level-triggered's repeated wake-ups show.";
    }

    /** Idle descriptors: how far each of select, poll and epoll fell from the fewest descriptors to the most. */
    static String idleThroughput(List<EchoRow> rows) {
        List<String> parts = new ArrayList<>();
        double scanning = Double.NaN;
        double epoll = Double.NaN;
        for (String server : List.of("select", "poll", "epoll-lt", "epoll-et")) {
            List<EchoRow> mine = rows.stream().filter(r -> r.server().equals(server) && r.measured())
                    .sorted(Comparator.comparingInt(EchoRow::connections)).toList();
            if (mine.size() < 2) {
                continue;
            }
            EchoRow few = mine.get(0);
            EchoRow many = mine.get(mine.size() - 1);
            double fall = few.messagesPerSecond() / many.messagesPerSecond();
            parts.add(String.format(Locale.ROOT, "%s %s → %s msg/s from N = %d to %d (%s× fewer)", server,
                    Fmt.count(few.messagesPerSecond()), Fmt.count(many.messagesPerSecond()), few.connections(),
                    many.connections(), Fmt.decimal(fall, 1)));
            if (server.startsWith("epoll")) {
                epoll = Double.isNaN(epoll) ? fall : Math.max(epoll, fall);
            } else {
                scanning = Double.isNaN(scanning) ? fall : Math.max(scanning, fall);
            }
        }
        if (parts.isEmpty()) {
            return "This run has too few idle points to show a trend.";
        }
        String measured = "Measured: " + String.join("; ", parts) + ". ";
        if (Double.isNaN(scanning) || Double.isNaN(epoll)) {
            return measured + "Without both a scanning server (select, poll) and epoll this run does not compare them.";
        }
        if (scanning > epoll * 1.5) {
            return measured + "The scanning servers fell further than epoll, the expected effect.";
        }
        return measured + "This run does not show the expected effect: the scanning servers did not fall clearly "
                + "further than epoll (the idle set was too small, or the load client set the pace).";
    }

    /** Message size: how far apart the servers' MB/s are at the largest size measured. */
    static String sizeSpread(List<EchoRow> rows) {
        int largest = rows.stream().filter(EchoRow::measured).mapToInt(EchoRow::messageBytes).max().orElse(-1);
        List<EchoRow> at = rows.stream().filter(r -> r.measured() && r.messageBytes() == largest
                && Double.isFinite(r.megabytesPerSecond())).toList();
        if (at.size() < 2) {
            return "Fewer than two servers were measured at the largest size, so this run shows no spread.";
        }
        EchoRow low = at.stream().min(Comparator.comparingDouble(EchoRow::megabytesPerSecond)).orElseThrow();
        EchoRow high = at.stream().max(Comparator.comparingDouble(EchoRow::megabytesPerSecond)).orElseThrow();
        String span = String.format(Locale.ROOT, "at %s bytes the servers echoed from %s MB/s (%s) to %s MB/s (%s)",
                Fmt.count(largest), Fmt.decimal(low.megabytesPerSecond(), 0), low.server(), Fmt.decimal(high.megabytesPerSecond(), 0),
                high.server());
        double ratio = high.megabytesPerSecond() / low.megabytesPerSecond();
        if (ratio <= 1.5) {
            return "Large messages measure copying more than readiness, and the servers converge: " + span + ".";
        }
        return "The servers do not converge in this run: " + span + ", ×" + Fmt.decimal(ratio, 1) + " apart, so at that size "
                + "something besides copying (how much each read takes, the client) still separates them.";
    }

    private static Optional<EchoRow> counted(List<EchoRow> rows, String server) {
        return rows.stream().filter(r -> r.server().equals(server) && r.measured() && Double.isFinite(r.syscallsPerMessage()))
                .findFirst();
    }
}
