package io.muxlab.harness.launch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.muxlab.core.cli.EchoSummary;
import io.muxlab.core.cli.ResultLine;
import io.muxlab.core.echo.EchoConfig;
import io.muxlab.core.sys.FdSet;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The C twins are built from the harness's sources, keep muxlab's server contract (counters requests
 * included) and its echo rules, and say why when they cannot run.
 */
class CTwinsTest {
    /** The bytes a twin holds for one connection at most: our --buffer-limit default. */
    private static final long CAP = EchoConfig.DEFAULT_BUFFER_LIMIT;

    static Stream<String> twins() {
        return CTwins.NAMES.stream();
    }

    /** A checkout holding only the twins' sources, so each test compiles its own binaries. */
    private static ProjectRoot checkout(Path dir) throws IOException {
        Files.writeString(dir.resolve("pom.xml"), "<module>harness</module>");
        Path src = ProjectRoot.find(Path.of("")).path().resolve("harness/src/main/c");
        Path copy = Files.createDirectories(dir.resolve("harness/src/main/c"));
        try (Stream<Path> files = Files.list(src)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return ProjectRoot.find(dir);
    }

    @Test
    void withoutACompilerEachTwinSaysWhyItIsNotRun(@TempDir Path dir) throws IOException {
        Contender c = CTwins.contender(CTwins.EPOLL, checkout(dir), Optional.empty());
        assertTrue(c.notRun().startsWith("not run: no C compiler (cc)"), c.notRun());
        assertTrue(Contenders.isBuiltin(CTwins.POLL));
        assertTrue(Contenders.names().containsAll(CTwins.NAMES));
        assertEquals(Optional.empty(), CTwins.compiler(dir.toString()), "no cc in that folder");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("twins")
    void echoesEveryByteWithBackpressureAndStopsWithASummary(String name, @TempDir Path dir) throws Exception {
        Optional<Path> cc = CTwins.compiler(System.getenv("PATH"));
        assumeTrue(cc.isPresent(), "no C compiler (cc) on PATH");
        Contender twin = CTwins.contender(name, checkout(dir), cc);
        assertNull(twin.notRun(), twin.notRun());
        assertEquals(name.equals(CTwins.SELECT) ? FdSet.FD_SETSIZE : 0, twin.descriptorLimit());
        assertTrue(twin.jvm().startsWith("native, compiled by "), twin.jvm());
        byte[] small = random(1, 3000);
        byte[] big = random(2, 2 << 20);
        try (ServerProcess server = ServerProcess.start(twin, dir.resolve("twin.log"))) {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                try (Socket a = new Socket(server.address().getAddress(), server.address().getPort());
                        Socket b = new Socket(server.address().getAddress(), server.address().getPort())) {
                    a.getOutputStream().write(small);
                    assertArrayEquals(small, read(a.getInputStream(), small.length));
                    // Twice the twin's 1 MiB buffer, written before any of it is read back: it must pause, not drop.
                    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                        try {
                            b.getOutputStream().write(big);
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    assertArrayEquals(big, read(b.getInputStream(), big.length));
                    writer.join();
                }
            });
            Summary summary = server.stop(2);
            assertTrue(summary.counted(), "the twin counts its calls");
            assertNotNull(summary.perSyscall().get("read"), summary.perSyscall().toString());
            assertTrue(summary.perSyscall().get("write") > 0, summary.perSyscall().toString());
        }
    }

    /**
     * The harness's window, by hand: a request before and after some traffic, and the difference is
     * what that traffic made. Then a request with no traffic since: only the wait it woke, so the
     * twin's standard input is neither a connection nor counted; then the end of its input stops it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("twins")
    void answersCountersSoTheHarnessCanCountOverAWindow(String name, @TempDir Path dir) throws Exception {
        Optional<Path> cc = CTwins.compiler(System.getenv("PATH"));
        assumeTrue(cc.isPresent(), "no C compiler (cc) on PATH");
        Contender twin = CTwins.contender(name, checkout(dir), cc);
        assertTrue(twin.answersCounters());
        String wait = Map.of(CTwins.SELECT, "select", CTwins.POLL, "poll", CTwins.EPOLL, "epoll_wait").get(name);
        byte[] bytes = random(3, 5000);
        try (ServerProcess server = ServerProcess.start(twin, dir.resolve("twin.log"))) {
            Summary before = server.counters().orElseThrow();
            assertEquals(0, counts(server).count("connections"), "standard input is not a connection");
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                try (Socket s = new Socket(server.address().getAddress(), server.address().getPort())) {
                    s.getOutputStream().write(bytes);
                    assertArrayEquals(bytes, read(s.getInputStream(), bytes.length));
                    s.shutdownOutput();
                    assertEquals(-1, s.getInputStream().read(), "the twin closes once the peer has and all is echoed");
                }
            });
            Summary after = server.counters().orElseThrow();
            ResultLine line = counts(server);
            assertEquals(1, line.count("connections"));
            assertEquals(1, line.count("closed"));
            assertEquals(bytes.length, line.count("bytes_read"));
            assertEquals(bytes.length, line.count("bytes_written"));
            Map<String, Long> window = after.since(before).perSyscall();
            assertEquals(2, window.get("accept4"), "one connection, then EAGAIN: " + window);
            assertEquals(1, window.get("setsockopt"), "TCP_NODELAY, as ours: " + window);
            assertEquals(1, window.get("close"), window.toString());
            assertTrue(window.get("read") >= 2, "the bytes, then the end of stream: " + window);
            assertTrue(window.get("write") >= 1, window.toString());
            assertTrue(window.get(wait) >= 2, window.toString());
            assertEquals(after.since(before).syscalls(), window.values().stream().mapToLong(Long::longValue).sum());
            Summary idle = server.counters().orElseThrow();
            assertEquals(Map.of(wait, 1L), idle.since(after).perSyscall(), "no traffic: the one wait the request woke");
        }
        Path binary = Path.of(twin.command().get(0));
        Process p = new ProcessBuilder(binary.toString(), "--port", "0").redirectError(dir.resolve("eof.log").toFile())
                .redirectOutput(dir.resolve("eof.out").toFile()).start();
        try {
            p.getOutputStream().close();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the end of standard input stops it");
            assertEquals(0, p.exitValue());
            assertTrue(ResultLine.last(EchoSummary.PREFIX, Files.readAllLines(dir.resolve("eof.out"))).isPresent());
        } finally {
            p.destroyForcibly();
        }
    }

    /**
     * Out of descriptors (a soft limit of 12), the twin serves the connections it holds while the
     * rest wait in the backlog, and takes each in once a descriptor is free: the last client is
     * echoed after all the others have closed. Ordered by the twin's own log line, not by time.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("twins")
    void outOfDescriptorsServesTheOpenOnesAndAcceptsWhenOneCloses(String name, @TempDir Path dir) throws Exception {
        Optional<Path> cc = CTwins.compiler(System.getenv("PATH"));
        assumeTrue(cc.isPresent(), "no C compiler (cc) on PATH");
        Contender built = CTwins.contender(name, checkout(dir), cc);
        Contender twin = built.variant(name, List.of("/bin/sh", "-c", "ulimit -n 12 && exec \"$0\" --port 0", built.command().get(0)));
        Path log = dir.resolve("twin.log");
        try (ServerProcess server = ServerProcess.start(twin, log)) {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                List<Socket> clients = new ArrayList<>();
                try {
                    for (int i = 0; i < 16; i++) {
                        clients.add(new Socket(server.address().getAddress(), server.address().getPort()));
                    }
                    Socket first = clients.get(0);
                    echo(first, 1);
                    while (!Files.readString(log).contains("accept4: Too many open files")) {
                        Thread.sleep(10);
                    }
                    echo(first, 2);
                    for (Socket c : clients.subList(0, clients.size() - 1)) {
                        c.close();
                    }
                    echo(clients.get(clients.size() - 1), 3);
                } finally {
                    for (Socket c : clients) {
                        c.close();
                    }
                }
            });
            server.counters().orElseThrow();
            assertEquals(16, counts(server).count("connections"), "every client got in, none refused");
            assertEquals(0, counts(server).count("refused"));
        }
        assertTrue(Files.readString(log).contains("accepting again"), Files.readString(log));
    }

    /**
     * A peer that sends and does not read: the twin echoes until the way back is full, then holds
     * at most its 1 MiB cap (what it read minus what it wrote, sampled on every counters request),
     * reaches it, and leaves the rest in the kernel; its resident memory grows by about the cap, not
     * by what was sent. Then the peer reads, and every byte arrives, in order.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("twins")
    void aPeerThatDoesNotReadStopsTheTwinReadingAtTheCapAndGetsEveryByteOnceItReads(String name, @TempDir Path dir)
            throws Exception {
        Optional<Path> cc = CTwins.compiler(System.getenv("PATH"));
        assumeTrue(cc.isPresent(), "no C compiler (cc) on PATH");
        Contender twin = CTwins.contender(name, checkout(dir), cc);
        try (ServerProcess server = ServerProcess.start(twin, dir.resolve("twin.log"))) {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                try (SocketChannel client = SocketChannel.open(server.address());
                        Selector selector = Selector.open()) {
                    long rssBefore = MemorySample.rss(server.pid());
                    client.configureBlocking(false);
                    SelectionKey key = client.register(selector, SelectionKey.OP_WRITE);
                    long sent = 0;
                    ResultLine line;
                    while (true) {
                        int n = client.write(pattern(sent, 64 * 1024));
                        sent += n;
                        server.counters().orElseThrow();
                        line = counts(server);
                        long held = line.count("bytes_read") - line.count("bytes_written");
                        assertTrue(held <= CAP, "the twin holds " + held + " bytes, over its cap");
                        if (held == CAP && sent > line.count("bytes_read")) {
                            break;
                        }
                        assertTrue(sent < 64 << 20, "sent 64 MiB and the twin never held its cap");
                        if (n == 0) {
                            selector.select(10); // the way in is full: the twin has stopped, or is behind
                            selector.selectedKeys().clear();
                        }
                    }
                    long grown = MemorySample.rss(server.pid()) - rssBefore;
                    assertTrue(grown < 2 * CAP, "RSS grew by " + grown + " bytes; " + sent + " sent, cap " + CAP);
                    key.cancel();
                    selector.selectNow(); // a channel leaves a selector only on its next select
                    client.configureBlocking(true);
                    ByteBuffer back = ByteBuffer.allocate(64 * 1024);
                    for (long got = 0; got < sent; ) {
                        back.clear().limit((int) Math.min(back.capacity(), sent - got));
                        assertTrue(client.read(back) > 0, "the echo ended after " + got + " of " + sent + " bytes");
                        back.flip();
                        assertEquals(pattern(got, back.remaining()), back, "bytes from " + got);
                        got += back.limit();
                    }
                }
            });
        }
    }

    /**
     * As ours hold a ring block only while bytes wait, a twin holds no buffer for a connection that
     * has nothing waiting: 400 connections opened, then each echoed 8 KiB at once, cost its resident
     * memory under 1 KiB each (a 16 KiB buffer per connection, taken at accept and filled once,
     * cost 8 KiB and more each).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("twins")
    void aConnectionWithNothingWaitingHoldsNoBuffer(String name, @TempDir Path dir) throws Exception {
        Optional<Path> cc = CTwins.compiler(System.getenv("PATH"));
        assumeTrue(cc.isPresent(), "no C compiler (cc) on PATH");
        Contender twin = CTwins.contender(name, checkout(dir), cc);
        int connections = 400;
        try (ServerProcess server = ServerProcess.start(twin, dir.resolve("twin.log"))) {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                List<Socket> clients = new ArrayList<>();
                try {
                    try (Socket first = new Socket(server.address().getAddress(), server.address().getPort())) {
                        echo(first, 4, 8192); // the first echo touches the scratch buffer and the allocator's arena
                    }
                    long before = MemorySample.rss(server.pid());
                    for (int i = 0; i < connections; i++) {
                        clients.add(new Socket(server.address().getAddress(), server.address().getPort()));
                    }
                    long idle = MemorySample.rss(server.pid()) - before;
                    for (Socket c : clients) {
                        echo(c, 5, 8192);
                    }
                    long echoed = MemorySample.rss(server.pid()) - before;
                    assertTrue(idle < connections * 1024L, connections + " idle connections grew RSS by " + idle + " bytes");
                    assertTrue(echoed < connections * 1024L, connections + " echoed connections grew RSS by " + echoed + " bytes");
                } finally {
                    for (Socket c : clients) {
                        c.close();
                    }
                }
            });
            server.counters().orElseThrow();
            assertEquals(connections + 1, counts(server).count("connections"));
        }
    }

    /** Byte {@code i} of the stream a peer sends: not periodic in any power of two, so a lost or repeated block shows. */
    private static ByteBuffer pattern(long from, int n) {
        ByteBuffer b = ByteBuffer.allocate(n);
        for (long i = from; i < from + n; i++) {
            b.put((byte) (i % 251));
        }
        return b.flip();
    }

    private static void echo(Socket s, int seed) throws IOException {
        echo(s, seed, 100);
    }

    private static void echo(Socket s, int seed, int n) throws IOException {
        byte[] bytes = random(seed, n);
        s.getOutputStream().write(bytes);
        assertArrayEquals(bytes, read(s.getInputStream(), bytes.length));
    }

    private static ResultLine counts(ServerProcess server) throws IOException {
        return ResultLine.last(EchoSummary.COUNTERS_PREFIX, server.outputLines()).orElseThrow();
    }

    private static byte[] random(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] read(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        assertEquals(n, b.length, "the echo ended early");
        return b;
    }
}
