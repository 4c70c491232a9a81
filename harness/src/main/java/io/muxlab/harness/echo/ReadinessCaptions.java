package io.muxlab.harness.echo;

import io.muxlab.epoll.EpollMultiplexer;
import io.muxlab.harness.format.Fmt;
import io.muxlab.harness.section.Held;
import io.muxlab.harness.peers.NettyTransport;
import io.muxlab.uring.UringEchoServer;
import io.muxlab.uring.UringPollMultiplexer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.ToDoubleFunction;

/**
 * The captions of the "Readiness vs completion" section, computed from the rows they sit beside:
 * the first sentence gives the run's figures, the second says why the chart looks that way, and
 * which why depends on which way the figures went. uring is compared with the better of our two
 * epoll servers at each figure, so a caption never flatters it by picking the weaker one.
 */
final class ReadinessCaptions {
    static final String URING = UringEchoServer.NAME;
    static final String URING_POLL = UringPollMultiplexer.NAME;
    static final List<String> EPOLLS = List.of(EpollMultiplexer.LEVEL_NAME, EpollMultiplexer.EDGE_NAME);
    static final String NETTY_EPOLL = NettyTransport.EPOLL.serverName();
    static final String NETTY_URING = NettyTransport.IO_URING.serverName();
    /** Every server the section draws: readiness and completion, ours and Netty's. */
    static final List<String> FAMILY = List.of(EpollMultiplexer.LEVEL_NAME, EpollMultiplexer.EDGE_NAME, URING_POLL, URING,
            NETTY_EPOLL, NETTY_URING);
    /**
     * CPU and throughput within this fraction of each other are called the same: a run's CPU comes in
     * 10 ms ticks and its rate moves a few percent between runs, so a smaller lead is not one.
     */
    static final double SAME = 0.05;

    private ReadinessCaptions() {
    }

    /** Syscalls per echo vs connections (closed loop): uring against the better epoll and uring-poll. */
    static String syscalls(List<Repeats.Point> points) {
        List<EchoRow> closed = medians(points);
        ToDoubleFunction<EchoRow> f = EchoRow::syscallsPerMessage;
        Optional<Integer> n = largestShared(closed, f);
        if (n.isEmpty()) {
            return notCompared(closed, "syscalls per echo");
        }
        EchoRow u = at(closed, URING, n.get(), f).orElseThrow();
        EchoRow e = best(closed, EPOLLS, n.get(), f, false).orElseThrow();
        Optional<EchoRow> p = at(closed, URING_POLL, n.get(), f);
        StringBuilder c = new StringBuilder(String.format(Locale.ROOT, "At %d connections %s made %s syscalls per echo, %s %s",
                n.get(), URING, two(u.syscallsPerMessage()), e.server(), two(e.syscallsPerMessage())));
        p.ifPresent(r -> c.append(" and ").append(URING_POLL).append(' ').append(two(r.syscallsPerMessage())));
        boolean fewer = u.syscallsPerMessage() < e.syscallsPerMessage();
        c.append(" (").append(URING).append(fewer ? " below " : " not below ").append(e.server()).append(' ')
                .append(held(points, e.server(), n.get(), (a, b) -> fewer == a.syscallsPerMessage() < b.syscallsPerMessage()).repeats())
                .append("). ");
        if (fewer) {
            c.append(URING).append(" makes fewer because its receives and sends are requests in the ring, and one "
                    + "io_uring_enter per loop turn submits every new request and reaps every completion, so the connections "
                    + "that share a turn share its one call");
            p.ifPresent(r -> c.append(r.syscallsPerMessage() > u.syscallsPerMessage()
                    ? "; " + URING_POLL + " batches only the readiness and still reads and writes with a syscall each"
                    : "; " + URING_POLL + ", which batches only the readiness, made no more here"));
            c.append('.');
        } else {
            c.append(URING).append(" makes no fewer here: a loop turn had too few completions to share its io_uring_enter "
                    + "among them, so batching saved nothing that ").append(e.server()).append("'s one wait per turn had not "
                    + "already saved.");
        }
        return c.toString();
    }

    /** Server CPU per echo at the fixed offered load: uring against the better epoll, with Netty's two transports. */
    static String cpu(List<Repeats.Point> points, double rate) {
        List<EchoRow> fixed = medians(points);
        ToDoubleFunction<EchoRow> f = EchoRow::serverCpuMicrosPerMessage;
        Optional<Integer> n = largestShared(fixed, f);
        if (n.isEmpty()) {
            return notCompared(fixed, "CPU per echo");
        }
        EchoRow u = at(fixed, URING, n.get(), f).orElseThrow();
        EchoRow e = best(fixed, EPOLLS, n.get(), f, false).orElseThrow();
        StringBuilder c = new StringBuilder(String.format(Locale.ROOT, "At %s msg/s over %d connections %s spent %s µs of "
                + "server CPU per echo, %s× %s's %s", Fmt.count(rate), n.get(), URING, two(u.serverCpuMicrosPerMessage()),
                two(u.serverCpuMicrosPerMessage() / e.serverCpuMicrosPerMessage()), e.server(), two(e.serverCpuMicrosPerMessage())));
        for (String other : List.of(URING_POLL, NETTY_URING, NETTY_EPOLL)) {
            at(fixed, other, n.get(), f).ifPresent(r -> c.append(", ").append(other).append(' ').append(two(r.serverCpuMicrosPerMessage())));
        }
        int order = order(u.serverCpuMicrosPerMessage(), e.serverCpuMicrosPerMessage());
        c.append(" (").append(URING).append(' ').append(ORDER_WORDS.get(order + 1)).append(' ').append(e.server()).append(' ')
                .append(held(points, e.server(), n.get(),
                (a, b) -> order(a.serverCpuMicrosPerMessage(), b.serverCpuMicrosPerMessage()) == order).repeats()).append("). ");
        if (order < 0) {
            c.append("Every syscall saved is a kernel entry and exit not made, and at a load every server carries that is "
                    + "most of what differs between them: the copying and the TCP work are the same in every bar.");
        } else if (order == 0) {
            c.append(String.format(Locale.ROOT, "The two are within %.0f%%: at an offered load a turn finds few completions "
                    + "to share, so the calls %s saves are about what its own work per request costs.", SAME * 100, URING));
        } else {
            c.append("Here the calls ").append(URING).append(" saves did not buy CPU: at an offered load a turn finds few "
                    + "completions to share, and the completion path's own work per request (a buffer per connection, an "
                    + "SQE per recv and send, the completion ring read) cost more than the transitions saved.");
        }
        return c.toString();
    }

    /** Echoes per second vs connections (closed loop): uring against the better epoll at the most and the fewest connections. */
    static String throughput(List<Repeats.Point> points) {
        List<EchoRow> closed = medians(points);
        ToDoubleFunction<EchoRow> f = EchoRow::messagesPerSecond;
        Optional<Integer> most = largestShared(closed, f);
        if (most.isEmpty()) {
            return notCompared(closed, "echoes per second");
        }
        Optional<Integer> fewest = shared(closed, f).stream().min(Comparator.naturalOrder());
        EchoRow u = at(closed, URING, most.get(), f).orElseThrow();
        EchoRow e = best(closed, EPOLLS, most.get(), f, true).orElseThrow();
        StringBuilder c = new StringBuilder(String.format(Locale.ROOT, "At %d connections %s turned around %s echoes per "
                + "second, %s %s", most.get(), URING, Fmt.count(u.messagesPerSecond()), e.server(), Fmt.count(e.messagesPerSecond())));
        Optional<EchoRow> u1 = Optional.empty();
        Optional<EchoRow> e1 = Optional.empty();
        if (fewest.isPresent() && !fewest.equals(most)) {
            u1 = at(closed, URING, fewest.get(), f);
            e1 = best(closed, EPOLLS, fewest.get(), f, true);
            c.append(String.format(Locale.ROOT, "; at %d, %s against %s's %s", fewest.get(), Fmt.count(u1.get().messagesPerSecond()),
                    e1.get().server(), Fmt.count(e1.get().messagesPerSecond())));
        }
        int lead = order(u.messagesPerSecond(), e.messagesPerSecond());
        c.append(" (at ").append(most.get()).append(", ").append(URING).append(' ').append(ORDER_WORDS.get(lead + 1)).append(' ')
                .append(e.server()).append(' ').append(held(points, e.server(), most.get(), (a, b) -> order(a.messagesPerSecond(), b.messagesPerSecond()) == lead)
                        .repeats()).append("). ");
        List<EchoRow> atMost = closed.stream().filter(r -> r.active() == most.get() && FAMILY.contains(r.server()) && r.measured())
                .toList();
        long bound = atMost.stream().filter(EchoRow::clientBound).count();
        if (bound * 2 > atMost.size()) {
            c.append(String.format(Locale.ROOT, "%d of the %d runs at %d connections kept the load client busy, so there the "
                    + "client set the pace and the lines meet for that reason; CPU per echo above is the fairer comparison.",
                    bound, atMost.size(), most.get()));
        } else if (order(u.messagesPerSecond(), e.messagesPerSecond()) > 0) {
            c.append(URING).append(" leads where many connections share a turn, because one io_uring_enter then reaps many "
                    + "completions and the core the syscalls no longer take goes to echoes");
            if (u1.isPresent() && order(u1.get().messagesPerSecond(), e1.get().messagesPerSecond()) < 0) {
                c.append(", while with one connection there is nothing to batch and a round trip through the ring costs more "
                        + "than a readiness wake-up and a read");
            }
            c.append('.');
        } else if (order(u.messagesPerSecond(), e.messagesPerSecond()) == 0) {
            c.append(String.format(Locale.ROOT, "The two are within %.0f%% there: one epoll_wait already batches the readiness "
                    + "of every ready connection, so what %s saves in reads and writes is a small share of an echo's cost.",
                    SAME * 100, URING));
        } else {
            c.append(e.server()).append(" leads here: one epoll_wait already batches the readiness of every connection, and "
                    + "what ").append(URING).append(" saves in reads and writes did not outweigh its work per request.");
        }
        return c.toString();
    }

    /** How {@link #order}'s -1, 0 and 1 read in a caption. */
    private static final List<String> ORDER_WORDS = List.of("below", "within " + Math.round(SAME * 100) + "% of", "above");

    private static List<EchoRow> medians(List<Repeats.Point> points) {
        return points.stream().map(Repeats.Point::median).toList();
    }

    /** In how many repeats {@code claim} held of uring's run against {@code epoll}'s at {@code active} connections. */
    private static Held held(List<Repeats.Point> points, String epoll, int active,
            BiPredicate<EchoRow, EchoRow> claim) {
        Optional<Repeats.Point> u = PerRepeat.find(points, URING, r -> r.active() == active);
        Optional<Repeats.Point> e = PerRepeat.find(points, epoll, r -> r.active() == active);
        return u.isPresent() && e.isPresent() ? PerRepeat.held(u.get(), e.get(), claim) : Held.NOT_MEASURED;
    }

    /** -1, 0 or 1 as {@code a} is below, within {@link #SAME} of, or above {@code b}. */
    private static int order(double a, double b) {
        if (a < b * (1 - SAME)) {
            return -1;
        }
        return a > b * (1 + SAME) ? 1 : 0;
    }

    /** The largest active count at which uring and at least one epoll both have a finite figure. */
    private static Optional<Integer> largestShared(List<EchoRow> rows, ToDoubleFunction<EchoRow> f) {
        return shared(rows, f).stream().max(Comparator.naturalOrder());
    }

    private static List<Integer> shared(List<EchoRow> rows, ToDoubleFunction<EchoRow> f) {
        List<Integer> out = new ArrayList<>();
        for (EchoRow r : rows) {
            if (r.server().equals(URING) && finite(r, f) && best(rows, EPOLLS, r.active(), f, false).isPresent()) {
                out.add(r.active());
            }
        }
        return out;
    }

    private static Optional<EchoRow> at(List<EchoRow> rows, String server, int active, ToDoubleFunction<EchoRow> f) {
        return rows.stream().filter(r -> r.server().equals(server) && r.active() == active && finite(r, f)).findFirst();
    }

    /** The measured row among {@code servers} at {@code active} with the highest (or lowest) figure. */
    private static Optional<EchoRow> best(List<EchoRow> rows, List<String> servers, int active, ToDoubleFunction<EchoRow> f,
            boolean highest) {
        Comparator<EchoRow> order = Comparator.comparingDouble(f);
        return rows.stream().filter(r -> servers.contains(r.server()) && r.active() == active && finite(r, f))
                .max(highest ? order : order.reversed());
    }

    private static boolean finite(EchoRow r, ToDoubleFunction<EchoRow> f) {
        return r.measured() && Double.isFinite(f.applyAsDouble(r));
    }

    /** Why nothing is compared: uring's own note (io_uring refused here), or that it and epoll were not both measured. */
    private static String notCompared(List<EchoRow> rows, String what) {
        Optional<String> why = rows.stream().filter(r -> r.server().equals(URING))
                .map(r -> r.note() != null ? r.note() : r.error()).filter(w -> w != null).findFirst();
        return URING + " and epoll were not both measured in this run, so no " + what + " are compared here"
                + why.map(w -> " (" + URING + ": " + w + ")").orElse("") + ".";
    }

    private static String two(double v) {
        return Fmt.decimal(v, 2);
    }
}
