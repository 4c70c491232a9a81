package io.muxlab.harness.echo;

import io.muxlab.epoll.EpollMultiplexer;
import io.muxlab.harness.format.Fmt;
import io.muxlab.harness.section.Held;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The measured half of the fixed-rate, idle and size captions, computed from the points they sit
 * beside: each figure is a point's median, each comparison says in how many repeats it held, and
 * each claim of an effect turns into "this run does not show …" when the rows go the other way.
 * The sections add what never changes (how a figure is measured, which page explains it).
 */
final class EchoCaptions {
    /** A server carried the offered rate if it echoed at least this share of it. */
    static final double CARRIED = 0.95;
    /** At this share of a core a single-loop server is saturated. */
    static final double SATURATED_CORES = 0.9;
    /** Two figures within this ratio are "about the same". */
    static final double SAME = 1.05;
    /** The scanning servers "fell further" than epoll if their fall is at least this times epoll's. */
    static final double FURTHER = 1.5;
    /** Servers within this ratio of MB/s at the largest size "converge". */
    static final double CONVERGE = 1.5;
    /** Extra reads per echo smaller than this share are noise, not the EPOLLET read. */
    static final double EXTRA = 0.2;
    static final String LT = EpollMultiplexer.LEVEL_NAME;
    static final String ET = EpollMultiplexer.EDGE_NAME;

    private EchoCaptions() {
    }

    /** Fixed rate: whether every server did the same work, and which one spent least and most CPU on it. */
    static String cpuAtFixedRate(List<Repeats.Point> points, double offered) {
        List<Repeats.Point> ok = points.stream().filter(p -> p.measured() > 0
                && Double.isFinite(p.median().serverCpuMicrosPerMessage())).toList();
        if (ok.isEmpty()) {
            return "No server was measured at the offered load in this run.";
        }
        List<String> unlike = new ArrayList<>();
        for (Repeats.Point p : ok) {
            EchoRow r = p.median();
            if (r.messagesPerSecond() < CARRIED * offered) {
                unlike.add(r.server() + " carried only " + Fmt.count(r.messagesPerSecond()) + " msg/s");
            } else if (r.serverCores() >= SATURATED_CORES) {
                unlike.add(r.server() + " used " + Fmt.decimal(r.serverCores(), 2) + " of a core");
            }
        }
        Comparator<Repeats.Point> cpu = Comparator.comparingDouble(p -> p.median().serverCpuMicrosPerMessage());
        Repeats.Point least = ok.stream().min(cpu).orElseThrow();
        Repeats.Point most = ok.stream().max(cpu).orElseThrow();
        String range = String.format(Locale.ROOT, "least CPU per echo: %s (%s µs), most: %s (%s µs)", least.median().server(),
                Fmt.decimal(least.median().serverCpuMicrosPerMessage(), 1), most.median().server(),
                Fmt.decimal(most.median().serverCpuMicrosPerMessage(), 1));
        if (ok.size() > 1) {
            Held h = PerRepeat.held(least, most, (a, b) -> a.serverCpuMicrosPerMessage() < b.serverCpuMicrosPerMessage());
            range += ", the first below the second " + h.repeats();
        }
        if (unlike.isEmpty()) {
            double busiest = ok.stream().mapToDouble(p -> p.median().serverCores()).max().orElse(Double.NaN);
            return "Every server carried the offered " + Fmt.count(offered) + " msg/s, the busiest using "
                    + Fmt.decimal(busiest, 2) + " of a core, so all did the same work and the one that burns less CPU per "
                    + "echo is the leaner one: " + range + ".";
        }
        return "Not every server did the same work at " + Fmt.count(offered) + " msg/s: " + String.join(", ", unlike)
                + ". A saturated server's CPU per echo is not a like-for-like comparison with the others'; " + range + ".";
    }

    /** Fixed rate: level- against edge-triggered epoll, which call made the difference if any, and why. */
    static String levelVsEdge(List<Repeats.Point> points) {
        Optional<Repeats.Point> lt = PerRepeat.find(points, LT, EchoCaptions::counted);
        Optional<Repeats.Point> et = PerRepeat.find(points, ET, EchoCaptions::counted);
        if (lt.isEmpty() || et.isEmpty()) {
            return LT + " and " + ET + " were not both measured, so this run does not compare level- and edge-triggered epoll.";
        }
        double l = lt.get().median().syscallsPerMessage();
        double e = et.get().median().syscallsPerMessage();
        String both = "(" + ET + " " + Fmt.decimal(e, 2) + ", " + LT + " " + Fmt.decimal(l, 2) + " syscalls per echo";
        if (e > l * SAME || l > e * SAME) {
            boolean edgeMore = e > l;
            Held h = PerRepeat.held(et.get(), lt.get(), (a, b) -> edgeMore == a.syscallsPerMessage() > b.syscallsPerMessage());
            String call = biggestDifference(et.get(), lt.get());
            return (edgeMore ? "Edge" : "Level") + "-triggered epoll made more calls per echo than " + (edgeMore ? "level" : "edge")
                    + "-triggered " + both + ", more " + h.repeats() + "), most of the difference in " + call + ".";
        }
        Held h = PerRepeat.held(et.get(), lt.get(), (a, b) -> Math.max(a.syscallsPerMessage(), b.syscallsPerMessage())
                <= Math.min(a.syscallsPerMessage(), b.syscallsPerMessage()) * SAME);
        double reads = perMessage(et.get(), "read");
        String why = reads <= 1 + EXTRA
                ? ": " + ET + " made " + Fmt.decimal(reads, 2) + " reads per echo, so its reads came back short, which ends an "
                        + "edge-triggered read loop as surely as EAGAIN, and neither made a call the other did not."
                : ".";
        return "Level- and edge-triggered epoll made about the same calls per echo " + both + ", within "
                + percent(SAME) + " " + h.repeats() + ")" + why;
    }

    /** Idle descriptors: how far each of select, poll and epoll fell from the fewest descriptors to the most. */
    static String idleThroughput(List<Repeats.Point> points) {
        List<String> parts = new ArrayList<>();
        List<Repeats.Point> scanning = new ArrayList<>();
        List<Repeats.Point> epoll = new ArrayList<>();
        for (String server : List.of("select", "poll", LT, ET)) {
            List<Repeats.Point> mine = PerRepeat.of(points, server);
            if (mine.size() < 2) {
                continue;
            }
            EchoRow few = mine.get(0).median();
            EchoRow many = mine.get(mine.size() - 1).median();
            parts.add(String.format(Locale.ROOT, "%s %s → %s msg/s from N = %s to %s (%s)", server, Fmt.count(few.messagesPerSecond()),
                    Fmt.count(many.messagesPerSecond()), Fmt.grouped(few.connections()), Fmt.grouped(many.connections()),
                    change(few.messagesPerSecond() / many.messagesPerSecond())));
            List<Repeats.Point> ends = server.startsWith("epoll") ? epoll : scanning;
            ends.add(mine.get(0));
            ends.add(mine.get(mine.size() - 1));
        }
        if (parts.isEmpty()) {
            return "This run has too few idle points to show a trend.";
        }
        String measured = "Measured: " + String.join("; ", parts) + ". ";
        if (scanning.isEmpty() || epoll.isEmpty()) {
            return measured + "Without both a scanning server (select, poll) and epoll this run does not compare them.";
        }
        int split = scanning.size();
        List<Repeats.Point> all = new ArrayList<>(scanning);
        all.addAll(epoll);
        Held h = PerRepeat.held(all, runs -> furthest(runs.subList(0, split)) > FURTHER * furthest(runs.subList(split, runs.size())));
        double s = furthest(scanning.stream().map(Repeats.Point::median).toList());
        double e = furthest(epoll.stream().map(Repeats.Point::median).toList());
        if (s > FURTHER * e) {
            // "The scanning servers" only if each of them did: one select falling must not speak for a poll that rose.
            List<String> behind = new ArrayList<>();
            for (int i = 0; i + 1 < scanning.size(); i += 2) {
                if (!(furthest(List.of(scanning.get(i).median(), scanning.get(i + 1).median())) > FURTHER * e)) {
                    behind.add(scanning.get(i).median().server());
                }
            }
            if (behind.isEmpty()) {
                return measured + "The scanning servers fell further than epoll, the expected effect (" + h.repeats() + ").";
            }
            return measured + "Not every scanning server fell further than epoll in this run: " + String.join(" and ", behind)
                    + " did not, so the expected effect shows only in part; the load client may have set the pace.";
        }
        return measured + "This run does not show the expected effect: the scanning servers did not fall clearly further "
                + "than epoll (they did in " + h.tally() + "): the idle set may be too small for a scan to cost more than an echo, "
                + "or the load client may have set the pace.";
    }

    /** Message size: how far apart the servers' MB/s are at the largest size measured, and whether that held. */
    static String sizeSpread(List<Repeats.Point> points) {
        int largest = points.stream().filter(p -> p.measured() > 0).mapToInt(p -> p.median().messageBytes()).max().orElse(-1);
        List<Repeats.Point> at = points.stream().filter(p -> p.measured() > 0 && p.median().messageBytes() == largest
                && Double.isFinite(p.median().megabytesPerSecond())).toList();
        if (at.size() < 2) {
            return "Fewer than two servers were measured at the largest size, so this run shows no spread.";
        }
        Comparator<Repeats.Point> mbps = Comparator.comparingDouble(p -> p.median().megabytesPerSecond());
        EchoRow low = at.stream().min(mbps).orElseThrow().median();
        EchoRow high = at.stream().max(mbps).orElseThrow().median();
        String span = String.format(Locale.ROOT, "at %s the servers echoed from %s MB/s (%s) to %s MB/s (%s)", size(largest),
                Fmt.decimal(low.megabytesPerSecond(), 0), low.server(), Fmt.decimal(high.megabytesPerSecond(), 0), high.server());
        double ratio = high.megabytesPerSecond() / low.megabytesPerSecond();
        if (ratio <= CONVERGE) {
            return "The servers converge: " + span + ", within ×" + Fmt.decimal(CONVERGE, 1) + ": at that size copying, which "
                    + "every server does alike, is most of an echo's work.";
        }
        String why = low.serverCores() < SATURATED_CORES / 2 && !low.clientBound()
                ? String.format(Locale.ROOT, "; %s used only %s of a core and its client %s, so that run waited rather than "
                        + "worked (see its row)", low.server(), Fmt.decimal(low.serverCores(), 2), Fmt.decimal(low.clientCores(), 2))
                : "";
        return "The servers do not converge in this run: " + span + ", ×" + Fmt.decimal(ratio, 1) + " apart" + why + ".";
    }

    /**
     * Message size: where edge-triggered epoll read more often per echo than level-triggered, and
     * why. Under EPOLLET the loop reads until a read comes back short or finds nothing; a message
     * that fills the block a read is given ({@link io.muxlab.core.echo.EchoConfig#READ_BLOCK_BYTES})
     * leaves a read that is not short, so one more read must find the queue empty.
     */
    static String extraReads(List<Repeats.Point> points, int readBlock) {
        List<String> more = new ArrayList<>();
        List<String> alike = new ArrayList<>();
        boolean blockSized = false;
        List<Integer> sizes = points.stream().map(p -> p.median().messageBytes()).distinct().sorted().toList();
        for (int size : sizes) {
            Optional<Repeats.Point> lt = PerRepeat.find(points, LT, r -> r.messageBytes() == size && counted(r));
            Optional<Repeats.Point> et = PerRepeat.find(points, ET, r -> r.messageBytes() == size && counted(r));
            if (lt.isEmpty() || et.isEmpty()) {
                continue;
            }
            double e = perMessage(et.get(), "read");
            double l = perMessage(lt.get(), "read");
            String figures = String.format(Locale.ROOT, "%s: %s against %s reads per echo", size(size), Fmt.decimal(e, 2),
                    Fmt.decimal(l, 2));
            if (e > l * (1 + EXTRA)) {
                Held h = PerRepeat.held(et.get(), lt.get(), (a, b) -> perMessage(a, "read") > perMessage(b, "read") * (1 + EXTRA));
                more.add(figures + ", " + h.repeats());
                blockSized |= size >= readBlock;
            } else {
                alike.add(figures);
            }
        }
        if (more.isEmpty() && alike.isEmpty()) {
            return LT + " and " + ET + " were not both counted at any size, so this run does not compare their reads.";
        }
        if (more.isEmpty()) {
            return "Edge- and level-triggered epoll read alike at every size (" + String.join("; ", alike) + "): this run does "
                    + "not show the extra read edge-triggered makes when a read fills the space it was given.";
        }
        String why = blockSized
                ? "a connection's buffer reads into a block of " + size(readBlock) + " first, so a message that large fills the "
                        + "read, which is then not short, and under EPOLLET the loop must read once more to learn the queue "
                        + "is empty (EAGAIN); level-triggered reads once per wake-up and lets the next wait report what is left"
                : "a read that filled the space left in the buffer is not short, and under EPOLLET the loop must read once "
                        + "more to learn the queue is empty (EAGAIN)";
        return "Edge-triggered epoll made more reads per echo than level-triggered (" + ET + " against " + LT + ") at "
                + String.join("; ", more) + ": " + why + (alike.isEmpty() ? "." : ". At the other sizes every read came back "
                + "short and the two read alike (" + String.join("; ", alike) + ").");
    }

    /** Fixed rate, p99: the range across servers, lowest and highest. */
    static String p99Range(List<Repeats.Point> points) {
        List<Repeats.Point> ok = points.stream().filter(p -> p.measured() > 0 && Double.isFinite(p.median().p99Micros())).toList();
        if (ok.size() < 2) {
            return "Fewer than two servers were measured, so this run compares no p99.";
        }
        Comparator<Repeats.Point> p99 = Comparator.comparingDouble(p -> p.median().p99Micros());
        Repeats.Point low = ok.stream().min(p99).orElseThrow();
        Repeats.Point high = ok.stream().max(p99).orElseThrow();
        Held h = PerRepeat.held(low, high, (a, b) -> a.p99Micros() < b.p99Micros());
        return "p99 from " + Fmt.micros(low.median().p99Micros()) + " (" + low.median().server() + ") to "
                + Fmt.micros(high.median().p99Micros()) + " (" + high.median().server() + "), the first below the second "
                + h.repeats() + ".";
    }

    /** The call with the largest difference per message between two counted points, with both figures. */
    private static String biggestDifference(Repeats.Point a, Repeats.Point b) {
        String best = null;
        double diff = -1;
        for (String call : a.median().syscalls().keySet()) {
            double d = Math.abs(perMessage(a, call) - perMessage(b, call));
            if (d > diff) {
                diff = d;
                best = call;
            }
        }
        return best == null ? "no call counted" : String.format(Locale.ROOT, "%s (%s against %s per echo)", best,
                Fmt.decimal(perMessage(a, best), 2), Fmt.decimal(perMessage(b, best), 2));
    }

    /**
     * Calls of one name per echo at a point: the median over its measured runs, each run's from its
     * own counts (a point's median row carries one run's counts beside the median of every run's total).
     */
    static double perMessage(Repeats.Point p, String call) {
        List<EchoRow> runs = p.each().stream().filter(EchoRow::measured).toList();
        return Repeats.m(runs, r -> perMessage(r, call));
    }

    /** Calls of one name per echo in one run: its share of the run's counted calls times the run's calls per echo. */
    static double perMessage(EchoRow r, String call) {
        long all = r.syscalls().values().stream().mapToLong(Long::longValue).sum();
        return all == 0 ? Double.NaN : r.syscalls().getOrDefault(call, 0L) * r.syscallsPerMessage() / all;
    }

    private static boolean counted(EchoRow r) {
        return Double.isFinite(r.syscallsPerMessage()) && !r.syscalls().isEmpty();
    }

    /** The largest fall among runs given as (fewest, most) pairs. */
    private static double furthest(List<EchoRow> ends) {
        double f = 0;
        for (int i = 0; i + 1 < ends.size(); i += 2) {
            f = Math.max(f, ends.get(i).messagesPerSecond() / ends.get(i + 1).messagesPerSecond());
        }
        return f;
    }

    /** A fall as {@code ×3.9 fewer}, a rise as {@code ×1.2 more}, and within {@link #SAME} as {@code about the same}. */
    private static String change(double fall) {
        if (fall >= SAME) {
            return "×" + Fmt.decimal(fall, 1) + " fewer";
        }
        return fall <= 1 / SAME ? "×" + Fmt.decimal(1 / fall, 1) + " more" : "about the same";
    }

    private static String percent(double ratio) {
        return Fmt.decimal((ratio - 1) * 100, 0) + "%";
    }

    /** 64 as {@code 64 B}, 16384 as {@code 16 KiB}. */
    static String size(int bytes) {
        return bytes >= 1024 && bytes % 1024 == 0 ? bytes / 1024 + " KiB" : Fmt.bytes(bytes);
    }
}
