package io.muxlab.core.sys;

import static io.muxlab.core.sys.Native.LIBC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jnr.ffi.Pointer;
import org.junit.jupiter.api.Test;

/**
 * Each layout in {@link Structs} goes through the kernel: we write fields at the declared offsets
 * and the kernel acts on them, or the kernel fills a struct and we read it back. A wrong offset or
 * size shows as a value the kernel could not have produced. ({@code epoll_event}: {@link EpollLayoutTest}.)
 */
class StructsTest {
    private static final long SECOND_MICROS = 1_000_000L;

    @Test
    void sockaddrInWrittenByUsReachesTheRightPortAndAddress() throws IOException {
        try (ServerSocket jdk = new ServerSocket()) {
            jdk.bind(new InetSocketAddress("127.0.0.1", 0));
            int fd = TestSockets.connect("127.0.0.1", jdk.getLocalPort());
            try (Socket accepted = jdk.accept()) {
                assertEquals(Sockets.localAddress(fd), accepted.getRemoteSocketAddress(),
                        "the JDK sees our end where getsockname says it is");
            } finally {
                Fds.close(fd);
            }
        }
    }

    @Test
    void sockaddrInFilledByTheKernelNamesTheBoundPort() throws IOException {
        int listener = Sockets.listen("127.0.0.1", 0, 4);
        try {
            InetSocketAddress bound = Sockets.localAddress(listener);
            assertEquals("127.0.0.1", bound.getAddress().getHostAddress());
            try (Socket jdk = new Socket(bound.getAddress(), bound.getPort()); OutputStream out = jdk.getOutputStream()) {
                out.write(1);
                assertEquals(bound, jdk.getRemoteSocketAddress(), "the port getsockname read is the one the JDK reached");
            }
        } finally {
            Fds.close(listener);
        }
    }

    @Test
    void timevalIsReadByTheKernelAndOverwrittenWithTheTimeLeft() {
        int[] pipe = Fds.pipe();
        try (FdSet read = new FdSet(); NativeMemory tv = NativeMemory.allocate(Structs.SIZEOF_TIMEVAL);
                NativeMemory one = NativeMemory.allocate(1)) {
            Fds.write(pipe[1], one.address(), 1);
            read.set(pipe[0]);
            long timeoutMicros = 100 * SECOND_MICROS + 250_000;
            Pointer p = tv.pointer();
            p.putLong(Structs.TV_SEC, timeoutMicros / SECOND_MICROS);
            p.putLong(Structs.TV_USEC, timeoutMicros % SECOND_MICROS);
            assertEquals(1, Syscall.SELECT.waited(LIBC.select(pipe[0] + 1, read.pointer(), null, null, p), "nfds ", pipe[0] + 1));
            long usec = p.getLong(Structs.TV_USEC);
            long left = p.getLong(Structs.TV_SEC) * SECOND_MICROS + usec;
            assertTrue(usec >= 0 && usec < SECOND_MICROS, "tv_usec " + usec);
            // Swapped fields would read back as about 250 000 s; a wrong size as garbage or EINVAL.
            assertTrue(left <= timeoutMicros && left > timeoutMicros - 60 * SECOND_MICROS, "time left " + left + " µs");
        } finally {
            Fds.close(pipe[0]);
            Fds.close(pipe[1]);
        }
    }

    @Test
    void itimerspecValueAndIntervalArriveWhereTheKernelLooks() {
        try (TimerFd timer = new TimerFd(TimerFd.Clock.MONOTONIC)) {
            long value = 100_000_000_007L;
            long interval = 3_000_000_005L;
            timer.arm(value, interval);
            TimerFd.Setting s = timer.get();
            // Interval and value swapped would leave 3 s remaining; tv_sec and tv_nsec swapped, 7 s.
            assertTrue(s.remainingNanos() <= value && s.remainingNanos() > value - 60_000_000_000L, "remaining " + s);
            assertEquals(interval, s.intervalNanos(), "the kernel keeps the interval to the nanosecond");

            timer.arm(value, 0);
            assertEquals(0, timer.get().intervalNanos(), "a one-shot has no interval");
            assertTrue(timer.get().remainingNanos() > 0, "and is armed: a zero value would have disarmed it");
        }
    }

    @Test
    void timespecFromClockGettimeLiesBetweenTwoReadingsOfTheSameClock() {
        long before = System.nanoTime(); // CLOCK_MONOTONIC on Linux
        long now = Inspect.now(TimerFd.Clock.MONOTONIC);
        long after = System.nanoTime();
        assertTrue(before <= now && now <= after, before + " <= " + now + " <= " + after);
    }

    @Test
    void rlimitMatchesProcAndRoundTripsADistinctSoftLimit() throws IOException {
        Proc.FileLimit limit = Proc.openFileLimit();
        assertEquals(limit, fromProcLimits(), "getrlimit and /proc/self/limits agree on soft and hard");
        long lowered = limit.soft() == Proc.UNLIMITED ? limit.hard() - 1 : limit.soft() - 1;
        try {
            Proc.setOpenFileLimit(lowered, limit.hard());
            assertEquals(new Proc.FileLimit(lowered, limit.hard()), Proc.openFileLimit());
            assertEquals(Proc.openFileLimit(), fromProcLimits(), "the kernel took the soft limit from rlim_cur");
        } finally {
            Proc.setOpenFileLimit(limit.soft(), limit.hard());
        }
        assertEquals(limit, Proc.openFileLimit());
    }

    @Test
    void lingerSetIsTheLingerTheKernelReportsBack() {
        int fd = Sockets.listen("127.0.0.1", 0, 1);
        try (NativeMemory linger = NativeMemory.allocate(TestSockets.SIZEOF_LINGER);
                NativeMemory len = NativeMemory.allocate(Structs.SIZEOF_INT)) {
            TestSockets.setLinger(fd, 7);
            len.pointer().putInt(0, TestSockets.SIZEOF_LINGER);
            Syscall.GETSOCKOPT.check(LIBC.getsockopt(fd, Sockets.SOL_SOCKET, TestSockets.SO_LINGER, linger.pointer(), len.pointer()),
                    "fd ", fd, ", SO_LINGER");
            assertEquals(TestSockets.SIZEOF_LINGER, len.pointer().getInt(0), "the kernel's struct linger is this size");
            assertEquals(1, linger.pointer().getInt(TestSockets.L_ONOFF));
            assertEquals(7, linger.pointer().getInt(TestSockets.L_LINGER));
        } finally {
            Fds.close(fd);
        }
    }

    @Test
    void pollWritesReventsOfTheReadyEntryOnly() {
        int[] idle = Fds.pipe();
        int[] busy = Fds.pipe();
        try (PollFds fds = new PollFds(2); NativeMemory one = NativeMemory.allocate(1)) {
            fds.add(idle[0], Poll.POLLIN);
            fds.add(busy[0], Poll.POLLIN | Poll.POLLPRI);
            Fds.write(busy[1], one.address(), 1);
            assertEquals(1, Poll.poll(fds, 10_000));
            assertEquals(0, fds.revents(0), "the empty pipe is not ready");
            assertEquals(Poll.POLLIN, fds.revents(1), "the kernel wrote POLLIN at revents of entry 1");
            assertEquals(List.of(idle[0], busy[0]), List.of(fds.fd(0), fds.fd(1)), "fd untouched");
            assertEquals(Poll.POLLIN | Poll.POLLPRI, fds.events(1), "events untouched");
        } finally {
            for (int fd : new int[] {idle[0], idle[1], busy[0], busy[1]}) {
                Fds.close(fd);
            }
        }
    }

    /** {@code Max open files  <soft>  <hard>  files}, "unlimited" being RLIM_INFINITY. */
    private static Proc.FileLimit fromProcLimits() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max open files")) {
                String[] f = line.substring("Max open files".length()).trim().split("\\s+");
                return new Proc.FileLimit(limitValue(f[0]), limitValue(f[1]));
            }
        }
        throw new IllegalStateException("no 'Max open files' line in /proc/self/limits");
    }

    private static long limitValue(String s) {
        return s.equals("unlimited") ? Proc.UNLIMITED : Long.parseLong(s);
    }
}
