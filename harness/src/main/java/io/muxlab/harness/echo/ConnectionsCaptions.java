package io.muxlab.harness.echo;

import io.muxlab.harness.format.Fmt;
import io.muxlab.harness.section.Held;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The measured half of the connections section's captions: throughput and p99 against active
 * connections, from each point's median, with the comparisons held repeat by repeat. Where the
 * expected effect (select and poll paying for their scan in p99) does not show, they say so.
 */
final class ConnectionsCaptions {
    /** The scanning servers "paid" for their scan if both their p99s are at least this times the better epoll's. */
    static final double HIGHER = 1.1;
    static final List<String> SCANNING = List.of("select", "poll");

    private ConnectionsCaptions() {
    }

    /** At each N, the slowest and fastest server; how many runs there were client-bound. */
    static String throughput(List<Repeats.Point> points) {
        List<Integer> ns = connections(points);
        if (ns.isEmpty()) {
            return "No server was measured in this run.";
        }
        List<String> parts = new ArrayList<>();
        boolean anyBound = false;
        for (int n : ns) {
            List<Repeats.Point> at = at(points, n);
            Comparator<Repeats.Point> rate = Comparator.comparingDouble(p -> p.median().messagesPerSecond());
            Repeats.Point slow = at.stream().min(rate).orElseThrow();
            Repeats.Point fast = at.stream().max(rate).orElseThrow();
            int runs = at.stream().mapToInt(Repeats.Point::measured).sum();
            int bound = at.stream().mapToInt(Repeats.Point::clientBound).sum();
            anyBound |= bound * 2 > runs;
            parts.add(String.format(Locale.ROOT, "at %s, %s (%s) to %s (%s), ×%s apart%s", Fmt.grouped(n),
                    Fmt.count(slow.median().messagesPerSecond()), slow.median().server(), Fmt.count(fast.median().messagesPerSecond()),
                    fast.median().server(), Fmt.decimal(fast.median().messagesPerSecond() / slow.median().messagesPerSecond(), 1),
                    bound * 2 > runs ? ", " + bound + " of " + runs + " runs client-bound" : ""));
        }
        return "Echoes per second, slowest to fastest server: " + String.join("; ", parts) + "." + (anyBound
                ? " Where most runs at a point were client-bound, the load client's thread was as busy as it gets, so there "
                        + "the client may have set the pace rather than the servers."
                : "");
    }

    /** p99 from the fewest to the most connections per server, and whether select and poll paid more than epoll at the most. */
    static String p99(List<Repeats.Point> points) {
        List<Integer> ns = connections(points);
        if (ns.size() < 2) {
            return "Fewer than two connection counts were measured, so this run shows no trend in p99.";
        }
        int few = ns.get(0);
        int most = ns.get(ns.size() - 1);
        int grew = 0;
        int servers = 0;
        List<Double> fewP99 = new ArrayList<>();
        List<Double> mostP99 = new ArrayList<>();
        for (String server : points.stream().map(p -> p.median().server()).distinct().toList()) {
            Optional<Repeats.Point> a = PerRepeat.find(points, server, r -> r.connections() == few);
            Optional<Repeats.Point> z = PerRepeat.find(points, server, r -> r.connections() == most);
            if (a.isPresent() && z.isPresent()) {
                servers++;
                grew += z.get().median().p99Micros() > a.get().median().p99Micros() ? 1 : 0;
                fewP99.add(a.get().median().p99Micros());
                mostP99.add(z.get().median().p99Micros());
            }
        }
        StringBuilder c = new StringBuilder(String.format(Locale.ROOT, "p99 rose from %s to %s connections for %d of %d servers "
                + "(the median server's %s → %s)", Fmt.grouped(few), Fmt.grouped(most), grew, servers, Fmt.micros(median(fewP99)),
                Fmt.micros(median(mostP99))));
        c.append(grew * 2 > servers ? ": in a closed loop every connection's message waits its turn in the same loop. "
                : ". ");
        c.append(scanCost(points, most));
        return c.toString();
    }

    /** Whether select and poll had the higher p99 at {@code n} than the better epoll, held repeat by repeat. */
    private static String scanCost(List<Repeats.Point> points, int n) {
        Optional<Repeats.Point> epoll = List.of(EchoCaptions.LT, EchoCaptions.ET).stream()
                .map(s -> PerRepeat.find(points, s, r -> r.connections() == n)).flatMap(Optional::stream)
                .min(Comparator.comparingDouble(p -> p.median().p99Micros()));
        List<Repeats.Point> scanning = SCANNING.stream().map(s -> PerRepeat.find(points, s, r -> r.connections() == n))
                .flatMap(Optional::stream).toList();
        if (epoll.isEmpty() || scanning.isEmpty()) {
            return "Without both select or poll and epoll at " + Fmt.grouped(n) + " connections this run does not compare "
                    + "what a scan adds.";
        }
        EchoRow e = epoll.get().median();
        List<String> figures = new ArrayList<>();
        boolean higher = true;
        for (Repeats.Point p : scanning) {
            figures.add(p.median().server() + " " + Fmt.micros(p.median().p99Micros()));
            higher &= p.median().p99Micros() >= HIGHER * e.p99Micros();
        }
        String measured = String.join(", ", figures) + " against " + e.server() + " " + Fmt.micros(e.p99Micros());
        List<Repeats.Point> all = new ArrayList<>(scanning);
        all.add(epoll.get());
        Held h = PerRepeat.held(all, runs -> {
            EchoRow last = runs.get(runs.size() - 1);
            return runs.subList(0, runs.size() - 1).stream().allMatch(r -> r.p99Micros() >= HIGHER * last.p99Micros());
        });
        if (higher) {
            return "At " + Fmt.grouped(n) + " connections the scanning servers had the higher p99 (" + measured + ", "
                    + h.repeats() + "): select and poll hand the kernel every descriptor on every call and scan the answer.";
        }
        return "This run does not show select and poll paying for their scan at " + Fmt.grouped(n) + " connections (" + measured
                + "; both higher by ×" + Fmt.decimal(HIGHER, 1) + " in " + h.tally() + "): with every connection active, each "
                + "descriptor scanned has an echo to hand over, so the scan costs little beside the echoes. The idle section "
                + "isolates the scan.";
    }

    private static List<Integer> connections(List<Repeats.Point> points) {
        return points.stream().filter(p -> p.measured() > 0 && Double.isFinite(p.median().messagesPerSecond()))
                .map(p -> p.median().connections()).distinct().sorted().toList();
    }

    private static List<Repeats.Point> at(List<Repeats.Point> points, int n) {
        return points.stream().filter(p -> p.measured() > 0 && p.median().connections() == n
                && Double.isFinite(p.median().messagesPerSecond())).toList();
    }

    private static double median(List<Double> v) {
        List<Double> s = v.stream().sorted().toList();
        int mid = s.size() / 2;
        return s.isEmpty() ? Double.NaN : s.size() % 2 == 1 ? s.get(mid) : (s.get(mid - 1) + s.get(mid)) / 2;
    }
}
