package io.muxlab.delay;

import io.muxlab.delay.log.CompactionProbe;
import io.muxlab.delay.log.FsyncPolicy;
import java.time.Duration;
import java.time.InstantSource;
import java.util.function.Consumer;

/**
 * How a queue runs. Start from {@link #defaults()} and change what you need with the {@code with}
 * methods; every value is checked here, once.
 *
 * @param tick wheel resolution: tasks fire on the first tick at or after their due time (>= 1 ms)
 * @param slotsPerLevel buckets per wheel level, a power of two in 64..65536
 * @param fsync when an enqueue counts as durable
 * @param maxAttempts handler calls before a task is dead (>= 1)
 * @param backoffBase delay before the first retry; doubles each retry
 * @param backoffMax cap on the retry delay
 * @param workers threads running handlers (>= 1)
 * @param clock wall clock in epoch milliseconds; due times are stored as wall time so they survive restarts
 * @param segmentBytes a segment rolls to the next past this size
 * @param compactAtBytes compaction runs when the log is larger than this and less than half of it is live
 * @param warnings where recovery and failure warnings go (one line each)
 * @param compactionProbe told each step of a compaction
 */
public record QueueOptions(Duration tick, int slotsPerLevel, FsyncPolicy fsync, int maxAttempts, Duration backoffBase,
        Duration backoffMax, int workers, InstantSource clock, long segmentBytes, long compactAtBytes,
        Consumer<String> warnings, CompactionProbe compactionProbe) {

    public QueueOptions {
        if (tick.toMillis() < 1) {
            throw new IllegalArgumentException("tick must be at least 1 ms, not " + tick);
        }
        if (slotsPerLevel < 64 || slotsPerLevel > 65536 || Integer.bitCount(slotsPerLevel) != 1) {
            throw new IllegalArgumentException("slots per level must be a power of two in 64..65536, not " + slotsPerLevel);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be >= 1, not " + maxAttempts);
        }
        if (backoffBase.isNegative() || backoffMax.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= base <= max, not " + backoffBase + " / " + backoffMax);
        }
        if (workers < 1 || workers > 1024) {
            throw new IllegalArgumentException("workers must be in 1..1024, not " + workers);
        }
        if (segmentBytes < 4096) {
            throw new IllegalArgumentException("segment size must be at least 4096 bytes, not " + segmentBytes);
        }
    }

    public static QueueOptions defaults() {
        return new QueueOptions(Duration.ofMillis(10), 256, FsyncPolicy.BATCH, 5, Duration.ofMillis(100), Duration.ofMinutes(10),
                4, InstantSource.system(), 64L << 20, 64L << 20, System.err::println, CompactionProbe.NONE);
    }

    public QueueOptions withTick(Duration d) {
        return new QueueOptions(d, slotsPerLevel, fsync, maxAttempts, backoffBase, backoffMax, workers, clock, segmentBytes,
                compactAtBytes, warnings, compactionProbe);
    }

    public QueueOptions withSlotsPerLevel(int n) {
        return new QueueOptions(tick, n, fsync, maxAttempts, backoffBase, backoffMax, workers, clock, segmentBytes,
                compactAtBytes, warnings, compactionProbe);
    }

    public QueueOptions withFsync(FsyncPolicy p) {
        return new QueueOptions(tick, slotsPerLevel, p, maxAttempts, backoffBase, backoffMax, workers, clock, segmentBytes,
                compactAtBytes, warnings, compactionProbe);
    }

    public QueueOptions withRetries(int attempts, Duration base, Duration max) {
        return new QueueOptions(tick, slotsPerLevel, fsync, attempts, base, max, workers, clock, segmentBytes,
                compactAtBytes, warnings, compactionProbe);
    }

    public QueueOptions withWorkers(int n) {
        return new QueueOptions(tick, slotsPerLevel, fsync, maxAttempts, backoffBase, backoffMax, n, clock, segmentBytes,
                compactAtBytes, warnings, compactionProbe);
    }

    public QueueOptions withClock(InstantSource c) {
        return new QueueOptions(tick, slotsPerLevel, fsync, maxAttempts, backoffBase, backoffMax, workers, c, segmentBytes,
                compactAtBytes, warnings, compactionProbe);
    }

    public QueueOptions withLogSizes(long segment, long compactAt) {
        return new QueueOptions(tick, slotsPerLevel, fsync, maxAttempts, backoffBase, backoffMax, workers, clock, segment,
                compactAt, warnings, compactionProbe);
    }

    public QueueOptions withWarnings(Consumer<String> w) {
        return new QueueOptions(tick, slotsPerLevel, fsync, maxAttempts, backoffBase, backoffMax, workers, clock, segmentBytes,
                compactAtBytes, w, compactionProbe);
    }

    public QueueOptions withCompactionProbe(CompactionProbe p) {
        return new QueueOptions(tick, slotsPerLevel, fsync, maxAttempts, backoffBase, backoffMax, workers, clock, segmentBytes,
                compactAtBytes, warnings, p);
    }

    /** The retry delay after the n-th failed attempt (n >= 1): base * 2^(n-1), capped. */
    public Duration backoff(int failedAttempts) {
        long base = backoffBase.toMillis();
        int shift = Math.min(failedAttempts - 1, 40);
        long ms = base == 0 ? 0 : (base > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : base << shift);
        return Duration.ofMillis(Math.min(ms, backoffMax.toMillis()));
    }
}
