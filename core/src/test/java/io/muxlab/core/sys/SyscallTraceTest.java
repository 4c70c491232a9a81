package io.muxlab.core.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.core.trace.TraceSink;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --trace=syscalls}: what a line says, and that the hooks cost no allocation while the trace is off. */
class SyscallTraceTest {
    private static final int CALLS = 20_000;

    @Test
    void offTheHooksAllocateNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int[] pipe = Fds.pipe();
        try (NativeMemory buffer = NativeMemory.allocate(64)) {
            for (int i = 0; i < CALLS; i++) {
                echo(pipe, buffer); // warm: classes loaded, code compiled
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < CALLS; i++) {
                echo(pipe, buffer);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            // A string per call would be megabytes; what is left is the MXBean's own noise.
            assertTrue(allocated < CALLS, allocated + " bytes allocated by " + CALLS + " writes and reads with the trace off");
        } finally {
            Fds.closeQuietly(pipe[0]);
            Fds.closeQuietly(pipe[1]);
        }
    }

    /** One write and one read that both move a byte: the calls of an echo's hot path. */
    private static void echo(int[] pipe, NativeMemory buffer) {
        if (Fds.write(pipe[1], buffer.address(), 1) != 1 || Fds.read(pipe[0], buffer.address(), 64) != 1) {
            throw new AssertionError("a byte through a pipe");
        }
    }

    @Test
    void onEveryCallIsOneStampedLineWithItsResultAndLabel() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TraceSink sink = new TraceSink(new PrintStream(bytes, true, StandardCharsets.UTF_8), 100);
        int[] pipe = Fds.pipe();
        try (NativeMemory buffer = NativeMemory.allocate(64)) {
            SyscallTrace.start(sink);
            SyscallTrace.label(pipe[0], "test pipe");
            Fds.read(pipe[0], buffer.address(), 64);
            assertEquals(3, Fds.write(pipe[1], buffer.address(), 3));
        } finally {
            Fds.close(pipe[0]);
            SyscallTrace.stop();
            Fds.closeQuietly(pipe[1]);
        }
        assertTrue(sink.close(30_000));
        List<String> lines = List.of(bytes.toString(StandardCharsets.UTF_8).split("\n"));
        assertEquals(3, lines.size(), "the close after stop() is not traced: " + lines);
        assertTrue(lines.get(0).matches(" *\\d+ µs read\\(fd " + pipe[0] + " \\(test pipe\\), 64\\) = -1 EAGAIN"), lines.get(0));
        assertTrue(lines.get(1).matches(" *\\d+ µs write\\(fd " + pipe[1] + ", 3\\) = 3"), lines.get(1));
        assertTrue(lines.get(2).matches(" *\\d+ µs close\\(" + pipe[0] + " \\(test pipe\\)\\) = 0"), lines.get(2));
    }

    @Test
    void masksAreSpelledInCNames() {
        assertEquals("EPOLLIN|EPOLLRDHUP|EPOLLET", SyscallTrace.epollEvents(Epoll.EPOLLIN | Epoll.EPOLLRDHUP | Epoll.EPOLLET));
        assertEquals("POLLIN|POLLHUP", SyscallTrace.pollEvents(Poll.POLLIN | Poll.POLLHUP));
        assertEquals("0", SyscallTrace.pollEvents(0));
    }
}
