package io.muxlab.timer;

import io.muxlab.core.sys.Epoll;
import io.muxlab.core.sys.TimerFd;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The {@code wheel} strategy: one periodic timerfd ticks a hierarchical {@link TimingWheel}, the
 * way Kafka's purgatory, Netty's HashedWheelTimer and the Linux kernel keep very many timeouts
 * that are mostly cancelled before they fire. Schedule and cancel are O(1) on the loop and never
 * reach the kernel.
 *
 * <p>The price is resolution and idle wake-ups: a timer fires on the first tick at or after its
 * deadline (up to one tick late), and while any timer is armed the loop wakes on every tick, even
 * if the nearest deadline is an hour away. An empty wheel stops ticking: the timerfd is disarmed
 * and the wheel jumps to the present when the next timer arrives. Ticks count from {@link #origin},
 * the service's start on CLOCK_MONOTONIC, and the timerfd is armed on that grid.
 */
final class WheelTimers implements TimerStrategy {
    static final Duration DEFAULT_TICK = Duration.ofMillis(1);
    static final int DEFAULT_SLOTS = 256;
    private static final long DATA = 1;

    private final long tickNanos;
    private final long origin;
    private final TimingWheel<LoopTimer> wheel;
    private final TimerFd timerFd = new TimerFd(TimerFd.Clock.MONOTONIC);
    private boolean ticking;
    /** The turn's clock and batch while the wheel hands out expired entries; set by {@link #expire}. */
    private long expireNow;
    private Expired expireInto;
    private final Consumer<LoopTimer> collect = t -> expireInto.add(t, t.dueCount(expireNow));

    WheelTimers(Duration tick, int slotsPerLevel) {
        if (tick.isNegative() || tick.isZero() || tick.compareTo(Duration.ofSeconds(1)) > 0) {
            timerFd.close();
            throw new IllegalArgumentException("tick must be from 1 ns to 1 s, not " + tick.toNanos() + " ns");
        }
        TimingWheel<LoopTimer> w;
        try {
            w = new TimingWheel<>(slotsPerLevel, 0);
        } catch (IllegalArgumentException e) {
            timerFd.close();
            throw e;
        }
        this.tickNanos = tick.toNanos();
        this.origin = System.nanoTime();
        this.wheel = w;
    }

    @Override
    public String name() {
        return "wheel";
    }

    @Override
    public void register(Epoll epoll) {
        epoll.add(timerFd.fd(), Epoll.EPOLLIN, DATA);
    }

    @Override
    public void place(LoopTimer timer, AutoCloseable resource) {
        wheel.remove(timer);
        if (wheel.isEmpty()) {
            // Empty: jump (nothing expires) to just before the tick under way, so that a timer
            // already due fires on it — at once, as the timerfd is then armed in the past.
            wheel.advanceTo(tickAt(System.nanoTime()) - 1, collect);
        }
        wheel.add(timer, expiryTick(timer.due));
    }

    @Override
    public void remove(LoopTimer timer) {
        wheel.remove(timer);
    }

    @Override
    public boolean holds(LoopTimer timer) {
        return wheel.contains(timer);
    }

    @Override
    public void expire(long data, long now, Expired expired) {
        timerFd.readExpirations(); // the count only says how many ticks passed; the clock says which
        expireNow = now;
        expireInto = expired;
        wheel.advanceTo(tickAt(now), collect);
        expireInto = null;
    }

    @Override
    public long beforeWait(long now) {
        if (wheel.isEmpty() && ticking) {
            timerFd.disarm();
            ticking = false;
        } else if (!wheel.isEmpty() && !ticking) {
            timerFd.armAbsolute(origin + wheel.nextTick() * tickNanos, tickNanos);
            ticking = true;
        }
        // While ticking, the loop reads its queue every tick, and no timer could fire between ticks.
        return ticking ? SOON : Long.MAX_VALUE;
    }

    @Override
    public void forEach(Consumer<LoopTimer> action) {
        wheel.forEach(action);
    }

    @Override
    public void close() {
        timerFd.close();
    }

    /** The last tick that has begun at {@code nanos}. */
    private long tickAt(long nanos) {
        return Math.max(0, nanos - origin) / tickNanos;
    }

    /** The first tick at or after {@code deadline}: a timer never fires early. */
    private long expiryTick(long deadline) {
        long sinceOrigin = Math.max(0, deadline - origin);
        return sinceOrigin / tickNanos + (sinceOrigin % tickNanos == 0 ? 0 : 1);
    }
}
