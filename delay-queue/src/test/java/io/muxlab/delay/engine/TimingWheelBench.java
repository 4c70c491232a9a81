package io.muxlab.delay.engine;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The wheel's own costs, without the log: add plus cancel of one task (both O(1)), and a steady
 * state where each operation adds a task a random 1..100 000 ticks ahead, moves the clock one tick
 * and takes whatever fell due, with {@code pending} tasks already in the wheel.
 *
 * <p>Lives beside {@link TimingWheel} because the wheel is package-private. Run with
 * {@code mvn -B -q -pl delay-queue -am -DskipTests -Pjmh process-test-classes}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TimingWheelBench {
    @Param({"1000", "1000000"})
    int pending;

    private TimingWheel wheel;
    private SplittableRandom random;
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
    public boolean addThenCancel() {
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
}
