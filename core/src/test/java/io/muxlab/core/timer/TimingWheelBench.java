package io.muxlab.core.timer;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The wheel's own costs, with no loop and no log around it: add plus remove of one slot (both
 * O(1)), and a steady state where each operation adds a slot a random 1..100 000 ticks ahead,
 * moves the clock one tick and takes whatever fell due, with {@code pending} slots already in.
 * Run with {@code mvn -pl core -q test-compile exec:exec@jmh -Djmh.benchmarks=TimingWheelBench}.
 */
@Fork(1)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TimingWheelBench {
    @Param({"1000", "1000000"})
    int pending;

    private TimingWheel wheel;
    private SplittableRandom random;
    /** Slot numbers not in the wheel, a stack. */
    private int[] free;
    private int freeTop;
    private long now;

    @Setup
    public void setUp() {
        int capacity = pending + 200_000;
        wheel = new TimingWheel(256, 0);
        wheel.ensureCapacity(capacity);
        random = new SplittableRandom(1);
        free = new int[capacity];
        for (int slot = capacity - 1; slot >= 0; slot--) {
            free[freeTop++] = slot;
        }
        for (int i = 0; i < pending; i++) {
            wheel.add(free[--freeTop], 1 + random.nextLong(100_000));
        }
    }

    @Benchmark
    public boolean addThenRemove() {
        int slot = free[freeTop - 1];
        wheel.add(slot, now + 1 + random.nextLong(100_000));
        return wheel.remove(slot);
    }

    @Benchmark
    public int addAdvanceFire() {
        wheel.add(free[--freeTop], now + 1 + random.nextLong(100_000));
        wheel.advanceTo(++now);
        int fired = 0;
        for (int slot = wheel.pollDue(); slot >= 0; slot = wheel.pollDue()) {
            free[freeTop++] = slot;
            fired++;
        }
        return fired;
    }

    @Benchmark
    public long nextDueTick() {
        return wheel.nextDueTick();
    }
}
