package io.muxlab.core.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Waits have generous bounds: they return as soon as the timer fires, and only fail if it never does. */
class TimerFdTest {
    private static final int GENEROUS_MILLIS = 10_000;

    @Test
    void oneShotFiresOnceAndReportsOneExpiration() {
        try (TimerFd timer = new TimerFd(TimerFd.Clock.MONOTONIC); Epoll epoll = new Epoll(1)) {
            epoll.add(timer.fd(), Epoll.EPOLLIN, 1);
            timer.arm(5_000_000, 0);
            assertEquals(1, epoll.wait(GENEROUS_MILLIS));
            assertEquals(1, timer.readExpirations());
            assertEquals(0, timer.readExpirations(), "read again: nothing new");
            assertEquals(new TimerFd.Setting(0, 0), timer.get(), "a fired one-shot timer is disarmed");
        }
    }

    @Test
    void periodicTimerReadLateCountsEveryExpiration() throws InterruptedException {
        try (TimerFd timer = new TimerFd(TimerFd.Clock.MONOTONIC)) {
            timer.arm(1_000_000, 1_000_000);
            Thread.sleep(50); // at least 50 ms pass, so the 1 ms timer expired many times
            long count = timer.readExpirations();
            assertTrue(count > 1, "expirations: " + count);
            assertEquals(1_000_000, timer.get().intervalNanos());
        }
    }

    @Test
    void disarmedTimerDoesNotFire() throws InterruptedException {
        try (TimerFd timer = new TimerFd(TimerFd.Clock.MONOTONIC); Epoll epoll = new Epoll(1)) {
            epoll.add(timer.fd(), Epoll.EPOLLIN, 1);
            timer.arm(20_000_000, 0);
            timer.disarm();
            assertEquals(new TimerFd.Setting(0, 0), timer.get());
            assertEquals(0, epoll.wait(100));
            assertEquals(0, timer.readExpirations());
        }
    }

    @Test
    void absoluteDeadlineOnEachClock() {
        for (TimerFd.Clock clock : TimerFd.Clock.values()) {
            try (TimerFd timer = new TimerFd(clock); Epoll epoll = new Epoll(1)) {
                epoll.add(timer.fd(), Epoll.EPOLLIN, 1);
                long deadline = Inspect.now(clock) + 2_000_000;
                timer.armAbsolute(deadline, 0);
                assertEquals(1, epoll.wait(GENEROUS_MILLIS), clock + " fired");
                assertEquals(1, timer.readExpirations());
                assertTrue(Inspect.now(clock) >= deadline, clock + " fired no earlier than its deadline");
            }
        }
    }

    @Test
    void getReportsRemainingTime() {
        try (TimerFd timer = new TimerFd(TimerFd.Clock.MONOTONIC)) {
            timer.arm(60_000_000_000L, 5_000_000_000L);
            TimerFd.Setting s = timer.get();
            assertTrue(s.remainingNanos() > 0 && s.remainingNanos() <= 60_000_000_000L, "remaining " + s);
            assertEquals(5_000_000_000L, s.intervalNanos());
        }
    }
}
