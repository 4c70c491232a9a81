package io.muxlab.timer;

import io.muxlab.core.sys.Epoll;
import io.muxlab.core.sys.TimerFd;
import io.muxlab.core.timer.TimingWheel;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The {@code wheel} strategy: the lab's one hierarchical {@link TimingWheel}, kept tickless. The
 * timerfd is armed (absolute, TFD_TIMER_ABSTIME) for the next tick that holds a timer, not for
 * every tick — what the Linux kernel's timer wheel does with NOHZ — so an empty wheel never wakes
 * the loop and a sparse one wakes once per distinct due tick. Schedule and cancel are O(1) on the
 * loop and reach the kernel only when the next due tick moves earlier.
 *
 * <p>The price is resolution: a timer fires on the first tick at or after its deadline, up to
 * one tick late; timers due in the same tick fire together, in the order they were placed. Ticks
 * count from {@link #origin}, the service's start on the injected clock (CLOCK_MONOTONIC).
 * The wheel knows timers by slot number; {@link #timers} says which timer a slot is, and freed
 * slots are reused first, so the tables stay as small as the most timers ever live at once.
 */
final class WheelTimers implements TimerStrategy {
    static final Duration DEFAULT_TICK = Duration.ofMillis(1);
    static final int DEFAULT_SLOTS = 256;
    private static final long DATA = 1;
    private static final long NOT_ARMED = -1;

    private final long tickNanos;
    private final long origin;
    private final LongSupplier clock;
    private final TimingWheel wheel;
    private final TimerFd timerFd;
    /** The timer in each wheel slot; null for a free slot. */
    private Placement[] timers = new Placement[64];
    /** Free slot numbers below {@link #used}, a stack. */
    private int[] free = new int[64];
    private int freeCount;
    /** Slot numbers handed out so far: every slot below is in the wheel or on the free stack. */
    private int used;
    /** The tick the timerfd is armed for, or {@link #NOT_ARMED}. */
    private long armedTick = NOT_ARMED;

    WheelTimers(Duration tick, int slotsPerLevel, LongSupplier clock) {
        if (tick.isNegative() || tick.isZero() || tick.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("tick must be from 1 ns to 1 s, not " + tick.toNanos() + " ns");
        }
        this.wheel = new TimingWheel(slotsPerLevel, 0);
        this.wheel.ensureCapacity(timers.length);
        this.tickNanos = tick.toNanos();
        this.clock = clock;
        this.origin = clock.getAsLong();
        this.timerFd = new TimerFd(TimerFd.Clock.MONOTONIC);
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
    public void place(Placement timer, AutoCloseable resource) {
        remove(timer);
        if (wheel.isEmpty()) {
            wheel.advanceTo(tickAt(clock.getAsLong())); // an empty wheel jumps to the present for free
        }
        int slot = freeCount > 0 ? free[--freeCount] : newSlot();
        timers[slot] = timer;
        timer.slot = slot;
        wheel.add(slot, expiryTick(timer.due));
    }

    @Override
    public void remove(Placement timer) {
        if (timer.slot != Placement.NOT_HELD) {
            wheel.remove(timer.slot);
            release(timer);
        }
    }

    @Override
    public boolean holds(Placement timer) {
        return timer.slot != Placement.NOT_HELD;
    }

    @Override
    public void expire(long data, long now, Expired expired) {
        timerFd.readExpirations();
        armedTick = NOT_ARMED; // a one-shot timerfd that fired is disarmed
        wheel.advanceTo(tickAt(now));
        for (int slot = wheel.pollDue(); slot >= 0; slot = wheel.pollDue()) {
            Placement timer = timers[slot];
            release(timer);
            expired.add(timer, timer.expirationsAt(now));
        }
    }

    @Override
    public long beforeWait(long now) {
        // A timer placed already due (its tick has begun) waits on the due list: fire at once.
        long next = wheel.dueCount() > 0 ? wheel.currentTick() : wheel.nextDueTick();
        if (next == Long.MAX_VALUE) {
            if (armedTick != NOT_ARMED) {
                timerFd.disarm();
                armedTick = NOT_ARMED;
            }
            return Long.MAX_VALUE;
        }
        if (next != armedTick) {
            // A tick already begun: the timerfd fires at once. (0 would disarm it: a clock that starts at 0.)
            timerFd.armAbsolute(Math.max(1, timeOf(next)), 0);
            armedTick = next;
        }
        // A deadline after the previous tick fires on the armed tick itself: no need to wake for it.
        return timeOf(armedTick - 1) + 1;
    }

    @Override
    public void forEach(Consumer<Placement> action) {
        wheel.forEach(slot -> action.accept(timers[slot]));
    }

    @Override
    public void close() {
        timerFd.close();
    }

    private int newSlot() {
        if (used == timers.length) {
            timers = Arrays.copyOf(timers, used * 2);
            free = Arrays.copyOf(free, used * 2);
            wheel.ensureCapacity(used * 2);
        }
        return used++;
    }

    private void release(Placement timer) {
        timers[timer.slot] = null;
        free[freeCount++] = timer.slot;
        timer.slot = Placement.NOT_HELD;
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

    private long timeOf(long tick) {
        return origin + tick * tickNanos;
    }
}
