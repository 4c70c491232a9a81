package io.muxlab.delay.bench;

import io.muxlab.delay.log.FsyncPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Runs {@link DelayQueueWorkloads} briefly and prints one line per result, until the harness runs
 * them for real: {@code mvn -B -q -pl delay-queue -am -DskipTests -Pworkloads process-test-classes -Dworkloads.args=enqueue}
 * with {@code enqueue}, {@code recovery}, {@code lateness} or {@code all}; {@code enqueue} may be followed
 * by producer counts and policies, e.g. {@code enqueue 8,64,256 BATCH} (default 8,64 and every policy).
 * Queues live in a temporary directory under {@code target/}, deleted afterwards.
 */
public final class WorkloadMain {
    private WorkloadMain() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length == 0 ? "all" : args[0];
        int[] producerCounts = args.length > 1 ? Stream.of(args[1].split(",")).mapToInt(Integer::parseInt).toArray() : new int[] {8, 64};
        FsyncPolicy[] policies = args.length > 2 ? Stream.of(args[2].split(",")).map(FsyncPolicy::valueOf).toArray(FsyncPolicy[]::new)
                : FsyncPolicy.values();
        Path root = Files.createTempDirectory(Path.of("target"), "workloads");
        try {
            if (which.equals("enqueue") || which.equals("all")) {
                for (FsyncPolicy policy : policies) {
                    for (int producers : producerCounts) {
                        var r = DelayQueueWorkloads.enqueue(root.resolve("enqueue-" + policy + "-" + producers), policy, producers,
                                Duration.ofSeconds(3));
                        System.out.printf(Locale.ROOT, "enqueue %-28s %3d producers: %,11.0f tasks/s (%d tasks, %d fsyncs, %.1f per fsync)%n",
                                "delay-queue " + policy, r.producers(), r.perSecond(), r.tasks(), r.fsyncs(),
                                r.fsyncs() == 0 ? 0.0 : (double) r.tasks() / r.fsyncs());
                    }
                }
                for (boolean executor : new boolean[] {false, true}) {
                    var r = DelayQueueWorkloads.enqueueReference(executor, 8, Duration.ofSeconds(1));
                    System.out.printf(Locale.ROOT, "enqueue %-28s %3d producers: %,11.0f tasks/s (in memory)%n",
                            r.queue(), r.producers(), r.perSecond());
                }
            }
            if (which.equals("recovery") || which.equals("all")) {
                var r = DelayQueueWorkloads.recovery(root.resolve("recovery"), 1_000_000);
                System.out.printf(Locale.ROOT, "recovery of %,d pending: %d ms, heap %.0f bytes per task beyond its payload%n",
                        r.pending(), r.millis(), r.heapBytesPerTask());
            }
            if (which.equals("lateness") || which.equals("all")) {
                for (var r : List.of(DelayQueueWorkloads.lateness(root.resolve("late-1k"), 1_000, 2_000),
                        DelayQueueWorkloads.lateness(root.resolve("late-1m"), 1_000_000, 2_000),
                        DelayQueueWorkloads.jdkDelayQueue(2_000), DelayQueueWorkloads.scheduledExecutor(2_000))) {
                    System.out.printf(Locale.ROOT, "lateness %-28s %,9d waiting, %d measured: p50 %d ms, p99 %d ms, max %d ms%n",
                            r.queue(), r.background(), r.measured(), r.p50Millis(), r.p99Millis(), r.maxMillis());
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
