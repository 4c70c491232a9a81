package io.muxlab.timer.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the lateness and idle workloads against every facility and prints one row per run, until
 * the harness takes them over:
 *
 * <pre>
 *   TimerBench lateness [N ...]        N armed timers each (default 1000 10000 100000), spread over 2 s
 *   TimerBench idle [N [SECONDS]]      N far-future timers (default 10000), measured SECONDS (default 5)
 * </pre>
 *
 * The facilities are {@link Peers#ALL} unless {@code -Dpeers=heap,wheel,...} says otherwise. Each
 * gets a fresh instance; they run one after another, never at once.
 */
public final class TimerBench {

    private TimerBench() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<String> peers = Arrays.asList(System.getProperty("peers", String.join(",", Peers.ALL)).split(","));
        String what = args.length == 0 ? "lateness" : args[0];
        List<String> rest = args.length == 0 ? List.of() : Arrays.asList(args).subList(1, args.length);
        switch (what) {
            case "lateness":
                lateness(peers, rest.isEmpty() ? List.of("1000", "10000", "100000") : rest);
                break;
            case "idle":
                idle(peers, rest.isEmpty() ? 10_000 : Integer.parseInt(rest.get(0)),
                        rest.size() < 2 ? 5 : Integer.parseInt(rest.get(1)));
                break;
            default:
                System.err.println("TimerBench: unknown workload '" + what + "' (lateness or idle)");
                System.exit(2);
        }
    }

    private static void lateness(List<String> peers, List<String> counts) throws InterruptedException {
        // One small untimed round each first, so that no facility is measured while the JIT compiles it.
        for (String name : peers) {
            try (PeerTimers peer = Peers.create(name)) {
                LatenessWorkload.run(peer, 2_000, TimeUnit.MILLISECONDS.toNanos(300), 1);
            }
        }
        System.out.printf("%-13s %8s %8s %8s %10s %10s %10s  %s%n", "peer", "timers", "armed", "fired", "p50 us", "p99 us",
                "max us", "refusal");
        for (String count : counts) {
            for (String name : peers) {
                LatenessWorkload.Result r;
                try (PeerTimers peer = Peers.create(name)) {
                    r = LatenessWorkload.run(peer, Integer.parseInt(count), TimeUnit.SECONDS.toNanos(2), 42);
                }
                System.out.printf("%-13s %8d %8d %8d %10.1f %10.1f %10.1f  %s%n", r.peer(), r.requested(), r.armed(), r.fired(),
                        r.p50Micros(), r.p99Micros(), r.maxMicros(), firstLine(r.refusal()));
            }
        }
    }

    private static void idle(List<String> peers, int timers, int seconds) throws InterruptedException {
        System.out.printf("%-13s %8s %14s %14s %12s%n", "peer", "timers", "ctx-switch/s", "epoll_wait/s", "cpu ms/s");
        List<String> names = new ArrayList<>(peers);
        for (String name : names) {
            IdleWorkload.Result r;
            try (PeerTimers peer = Peers.create(name)) {
                r = IdleWorkload.run(peer, timers, TimeUnit.SECONDS.toNanos(seconds));
            }
            System.out.printf("%-13s %8d %14.1f %14.1f %12.2f%n", r.peer(), r.timers(), r.contextSwitchesPerSecond(),
                    r.epollWaitsPerSecond(), r.cpuMillisPerSecond());
        }
    }

    private static String firstLine(String s) {
        return s.length() > 90 ? s.substring(0, 90) + "..." : s;
    }
}
