package io.muxlab.core.echo;

import static io.muxlab.core.echo.Clients.assertClosedByServer;
import static io.muxlab.core.echo.Clients.connect;
import static io.muxlab.core.echo.Clients.echo;
import static io.muxlab.core.echo.Clients.randomBytes;
import static io.muxlab.core.echo.Clients.reset;
import static io.muxlab.core.echo.RunningServer.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.muxlab.core.cli.EchoSummary;
import io.muxlab.core.cli.ResultLine;
import io.muxlab.core.sys.NativeMemory;
import io.muxlab.core.sys.Proc;
import io.muxlab.core.sys.ProcFs;
import io.muxlab.core.sys.Syscall;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What every echo server must do, written once: a module (and the harness, for the peers)
 * subclasses it with a factory for its server. Each test starts its own server on a free loopback
 * port, bounds every loop in count and time, and stops the server before it ends.
 *
 * <p>A server that cannot meet a check by design says why in {@link #cannotMeet} and the check is
 * skipped with that reason; the checks themselves are the same for all.
 *
 * <p>A subclass needs a no-argument constructor: the out-of-descriptors check makes the server in a
 * child JVM ({@link EchoServerChild}) through it, so the child lowers its descriptor limit without
 * starving the test's JVM.
 */
public abstract class EchoServerConformance {
    private static final int MIB = 1 << 20;
    private static final long SECOND = 1_000_000_000L;

    /** Checks a server may be unable to meet by design. */
    public enum Check {
        PAYLOADS, HALF_CLOSE, RESET, NEVER_READING_PEER, MAX_CONNECTIONS, THOUSAND_CONNECTIONS,
        DESCRIPTOR_LIMIT, DESCRIPTOR_EXHAUSTION, STOP, IDLE, FAIRNESS
    }

    /** A new, unbound server. */
    protected abstract EchoServer newServer();

    /** The highest descriptor number the server can serve on ({@code select}: 1023); none by default. */
    protected int maxDescriptor() {
        return Integer.MAX_VALUE;
    }

    /** Why this server cannot meet {@code check}, or null if it can. */
    protected String cannotMeet(Check check) {
        return null;
    }

    @Test
    void echoesRandomPayloadsFromOneByteToFourMiBOnManyConnectionsAtOnce() throws Exception {
        skipIfCannot(Check.PAYLOADS);
        long seed = 20_260_323L;
        Random random = new Random(seed);
        List<byte[]> payloads = new ArrayList<>();
        payloads.add(randomBytes(random, 1));
        payloads.add(randomBytes(random, 4 * MIB));
        long total = 1 + 4 * MIB;
        while (payloads.size() < 220) {
            // Log-uniform sizes: every scale from 1 B to 4 MiB is tried, and the total stays small.
            int size = (int) Math.max(1, Math.min(4 * MIB, Math.round(Math.pow(2, random.nextDouble() * 22))));
            payloads.add(randomBytes(random, size));
            total += size;
        }
        try (RunningServer server = start(EchoConfig.loopbackAnyPort())) {
            EchoExchange.run(server.address(), payloads, 120 * SECOND,
                    () -> assertEquals(payloads.size(), server.stats().open(), "connections open at once"));
            eventually(10_000, "every connection closed", () -> server.stats().open() == 0);
            EchoStats stats = server.stats();
            assertEquals(total, stats.bytesRead(), "bytes read (seed " + seed + ")");
            assertEquals(total, stats.bytesWritten(), "bytes written (seed " + seed + ")");
            assertEquals(payloads.size(), stats.accepted());
        }
    }

    @Test
    void halfCloseGetsEveryEchoedByteBeforeTheServerCloses() throws Exception {
        skipIfCannot(Check.HALF_CLOSE);
        Random random = new Random(7);
        try (RunningServer server = start(EchoConfig.loopbackAnyPort())) {
            for (int size : new int[] {5, 3 * MIB}) {
                byte[] payload = randomBytes(random, size);
                try (Socket s = connect(server.address())) {
                    AtomicReference<Exception> writeFailure = new AtomicReference<>();
                    Thread writer = new Thread(() -> {
                        try {
                            s.getOutputStream().write(payload);
                            s.shutdownOutput();
                        } catch (IOException e) {
                            writeFailure.set(e);
                        }
                    });
                    writer.start();
                    byte[] echoed = s.getInputStream().readAllBytes(); // returns at the server's FIN
                    writer.join(30_000);
                    assertNull(writeFailure.get());
                    assertArrayEquals(payload, echoed, size + "-byte payload, then shutdown(SHUT_WR)");
                }
            }
            eventually(10_000, "server closed both", () -> server.stats().open() == 0);
        }
    }

    @Test
    void aPeerThatResetsIsClosedAndForgottenWithoutDisturbingOthers() throws Exception {
        skipIfCannot(Check.RESET);
        Random random = new Random(11);
        try (RunningServer server = start(EchoConfig.loopbackAnyPort()); Socket other = connect(server.address())) {
            echo(other, randomBytes(random, 1000));

            Socket idle = connect(server.address());
            echo(idle, randomBytes(random, 10));
            reset(idle);

            // Bytes still flowing when the reset comes.
            Socket busy = connect(server.address());
            long before = server.stats().bytesRead();
            busy.getOutputStream().write(randomBytes(random, 256 * 1024));
            eventually(10_000, "server read the busy peer's bytes", () -> server.stats().bytesRead() >= before + 256 * 1024);
            reset(busy);

            eventually(10_000, "reset peers closed", () -> server.stats().open() == 1);
            echo(other, randomBytes(random, 100_000));
            assertTrue(server.running());
        }
    }

    @Test
    void aPeerThatNeverReadsMakesTheServerHoldAtMostTheBufferLimitWhileOthersAreServed() throws Exception {
        skipIfCannot(Check.NEVER_READING_PEER);
        int limit = 64 * 1024;
        try (RunningServer server = start(EchoConfig.loopbackAnyPort().withBufferLimit(limit));
                SocketChannel stubborn = SocketChannel.open()) {
            stubborn.setOption(StandardSocketOptions.SO_RCVBUF, 64 * 1024);
            stubborn.setOption(StandardSocketOptions.SO_SNDBUF, 64 * 1024);
            stubborn.connect(server.address());
            stubborn.configureBlocking(false);
            long kernel = kernelBufferBound(stubborn);

            // Send until the kernel takes no more for half a second: the server has stopped reading.
            ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
            long sent = 0;
            int stalls = 0;
            long deadline = System.nanoTime() + 60 * SECOND;
            while (stalls < 50 && sent <= limit + kernel && System.nanoTime() < deadline) {
                chunk.clear();
                int n = stubborn.write(chunk);
                if (n == 0) {
                    stalls++;
                    Thread.sleep(10);
                } else {
                    stalls = 0;
                    sent += n;
                }
            }
            assertTrue(sent <= limit + kernel, "the server kept reading from a peer that never reads: " + sent + " bytes taken, over the "
                    + limit + "-byte limit and " + kernel + " bytes of kernel buffers");
            assertEquals(50, stalls, "the peer's writes never stalled");
            EchoStats stalled = server.stats();
            long held = stalled.bytesRead() - stalled.bytesWritten();
            assertTrue(held <= limit, "server holds " + held + " bytes for a peer, over the " + limit + "-byte limit");

            byte[] payload = randomBytes(new Random(3), 256 * 1024);
            EchoExchange.run(server.address(), List.of(payload), 60 * SECOND, () -> { });
            eventually(10_000, "the other peer's bytes counted", () -> server.stats().bytesRead() >= stalled.bytesRead() + payload.length);
            assertEquals(stalled.bytesRead() + payload.length, server.stats().bytesRead(),
                    "another peer served, and nothing more read from the stalled one");
        }
    }

    /**
     * A peer that never pauses (it sends without end and reads its echo as fast) keeps its socket
     * readable forever; an edge-triggered loop that served it "until EAGAIN" would never come back
     * to the others. Another peer's hundred small echoes must still get through while it flows.
     */
    @Test
    void aPeerThatNeverPausesDoesNotStarveTheOthers() throws Exception {
        skipIfCannot(Check.FAIRNESS);
        byte[] chunk = randomBytes(new Random(23), 256 * 1024);
        AtomicBoolean stop = new AtomicBoolean();
        // A small buffer makes each read/write pair move little, so the firehose's writer can
        // keep the socket from ever reaching EAGAIN: only a per-turn budget brings the loop back.
        try (RunningServer server = start(EchoConfig.loopbackAnyPort().withBufferLimit(1024));
                Socket firehose = connect(server.address());
                Socket other = connect(server.address())) {
            Thread writer = new Thread(() -> {
                long deadline = System.nanoTime() + 60 * SECOND;
                try {
                    while (!stop.get() && System.nanoTime() < deadline) {
                        firehose.getOutputStream().write(chunk);
                    }
                } catch (IOException e) {
                    // the socket was closed under us at the end of the test
                }
            }, "firehose-writer");
            Thread reader = new Thread(() -> {
                byte[] sink = new byte[256 * 1024];
                try {
                    while (firehose.getInputStream().read(sink) >= 0) {
                        // drain: the echo must not back up into the server
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            }, "firehose-reader");
            writer.start();
            reader.start();
            try {
                long before = server.stats().bytesRead();
                eventually(10_000, "the firehose is flowing", () -> server.stats().bytesRead() >= before + 4 * MIB);
                Random random = new Random(29);
                for (int i = 0; i < 100; i++) {
                    echo(other, randomBytes(random, 100));
                }
                assertTrue(writer.isAlive(), "the firehose still flowed while the other peer was served");
            } finally {
                stop.set(true);
                firehose.close();
                writer.join(10_000);
                reader.join(10_000);
            }
        }
    }

    /**
     * Write interest only while output is pending: a level-triggered loop that kept asking for
     * writability would be woken on every wait by its idle, always-writable sockets. Counted in
     * syscalls through muxlab's layer, so a server that does not use it passes trivially.
     */
    @Test
    void idleConnectionsCostNoSyscalls() throws Exception {
        skipIfCannot(Check.IDLE);
        Random random = new Random(19);
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            payloads.add(randomBytes(random, 2 * MIB)); // big enough for partial writes and write interest
        }
        List<Socket> idle = new ArrayList<>();
        try (RunningServer server = start(EchoConfig.loopbackAnyPort())) {
            EchoExchange.run(server.address(), payloads, 60 * SECOND, () -> { });
            for (int i = 0; i < 10; i++) {
                idle.add(connect(server.address()));
                echo(idle.get(i), randomBytes(random, 100));
            }
            eventually(10_000, "exchange connections closed", () -> server.stats().open() == idle.size());
            Thread.sleep(100);
            long before = Syscall.total();
            Thread.sleep(300);
            long during = Syscall.total() - before;
            assertTrue(during <= 2, during + " syscalls in 300 ms with 10 idle connections: the loop is spinning");
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
    }

    @Test
    void connectionsBeyondMaxConnectionsAreAcceptedAndClosedAtOnce() throws Exception {
        skipIfCannot(Check.MAX_CONNECTIONS);
        Random random = new Random(5);
        List<Socket> clients = new ArrayList<>();
        try (RunningServer server = start(EchoConfig.loopbackAnyPort().withMaxConnections(3))) {
            for (int i = 0; i < 3; i++) {
                clients.add(connect(server.address()));
                echo(clients.get(i), randomBytes(random, 100));
            }
            for (int i = 0; i < 2; i++) {
                Socket refused = connect(server.address());
                clients.add(refused);
                assertClosedByServer(refused);
            }
            eventually(10_000, "two refused of five accepted",
                    () -> server.stats().refused() == 2 && server.stats().accepted() == 5);
            echo(clients.get(0), randomBytes(random, 100));

            clients.get(0).close();
            eventually(10_000, "closed connection forgotten", () -> server.stats().open() == 2);
            Socket next = connect(server.address());
            clients.add(next);
            echo(next, randomBytes(random, 100));
        } finally {
            for (Socket s : clients) {
                s.close();
            }
        }
    }

    /**
     * {@code --idle-timeout}: a peer that connects and then says nothing must not hold a
     * {@code --max-connections} slot for good. Only the servers on the one echo loop take the option.
     */
    @Test
    void anIdleTimeoutClosesAPeerThatSaysNothingAndFreesItsSlot() throws Exception {
        EchoServer probe = newServer();
        assumeTrue(probe instanceof MultiplexedEchoServer, probe.name() + " has no --idle-timeout (muxlab's echo loop only)");
        Random random = new Random(31);
        EchoConfig config = EchoConfig.loopbackAnyPort().withMaxConnections(1).withIdleTimeout(200_000_000L);
        try (RunningServer server = start(config); Socket idle = connect(server.address())) {
            echo(idle, randomBytes(random, 10));
            assertClosedByServer(idle);
            eventually(10_000, "the idle peer's slot freed", () -> server.stats().open() == 0);
            try (Socket next = connect(server.address())) {
                echo(next, randomBytes(random, 10));
            }
        }
    }

    @Test
    void servesAThousandConnectionsAtOnce() throws Exception {
        skipIfCannot(Check.THOUSAND_CONNECTIONS);
        int connections = 1000;
        // Client and server ends both live in this process.
        int needed = 2 * connections + 200;
        assumeTrue(maxDescriptor() >= needed, newServer().name() + " can only serve descriptors 0.." + maxDescriptor()
                + ", and 1000 connections with their clients in this process need about " + needed);
        ensureFileLimit(needed + 200);
        Random random = new Random(13);
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            payloads.add(randomBytes(random, 1 + random.nextInt(8 * 1024)));
        }
        try (RunningServer server = start(EchoConfig.loopbackAnyPort())) {
            EchoExchange.run(server.address(), payloads, 120 * SECOND,
                    () -> assertEquals(connections, server.stats().open(), "connections open at once"));
            eventually(10_000, "every connection closed", () -> server.stats().open() == 0);
        }
    }

    @Test
    void refusesConnectionsOnDescriptorsItCannotWatchAndKeepsServing() throws Exception {
        skipIfCannot(Check.DESCRIPTOR_LIMIT);
        assumeTrue(maxDescriptor() < Integer.MAX_VALUE, "no descriptor limit of its own");
        // With client and server ends in this process, this many connections must take the server past its limit.
        int connections = maxDescriptor() / 2 + 100;
        ensureFileLimit(2L * connections + 300);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        List<Socket> clients = new ArrayList<>();
        System.setErr(new PrintStream(new TeeOutputStream(originalErr, log), true, StandardCharsets.UTF_8));
        try (RunningServer server = start(EchoConfig.loopbackAnyPort())) {
            for (int i = 0; i < connections; i++) {
                clients.add(connect(server.address()));
            }
            eventually(30_000, "all connections accepted", () -> server.stats().accepted() == connections);
            int served = 0;
            int refused = 0;
            for (Socket s : clients) {
                s.getOutputStream().write('x');
                int answer;
                try {
                    answer = s.getInputStream().read();
                } catch (SocketException e) {
                    answer = -1; // reset: our byte reached a socket the server had closed
                }
                if (answer == 'x') {
                    served++;
                } else {
                    assertEquals(-1, answer);
                    refused++;
                }
            }
            assertTrue(refused >= 1, "no connection was refused; server fds never passed " + maxDescriptor() + "?");
            assertEquals(server.stats().refused(), refused);
            assertEquals(connections, served + refused);
            String messages = log.toString(StandardCharsets.UTF_8);
            assertTrue(messages.contains("descriptors 0.." + maxDescriptor()), "message should name the limit: " + messages);
            echo(clients.get(0), "still serving".getBytes(StandardCharsets.US_ASCII));
        } finally {
            System.setErr(originalErr);
            for (Socket s : clients) {
                s.close();
            }
        }
    }

    @Test
    void outOfDescriptorsNeitherSpinsNorStopsServingAndAcceptsAgainWhenDescriptorsFree() throws Exception {
        skipIfCannot(Check.DESCRIPTOR_EXHAUSTION);
        int headroom = 12;
        int connections = headroom + 4;
        List<Socket> clients = new ArrayList<>();
        try (ProcessLines out = ProcessLines.start(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                EchoServerChild.class.getName(), getClass().getName(), String.valueOf(headroom)))) {
            Process child = out.process();
            String listening = out.awaitLine("listening on ", 60_000);
            out.awaitLine("descriptor limit ", 10_000);
            int port = Integer.parseInt(listening.substring(listening.lastIndexOf(':') + 1));
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
            for (int i = 0; i < connections; i++) {
                clients.add(connect(address));
            }
            eventually(30_000, "server out of descriptors", () -> out.errorLines("out of descriptors") > 0);

            // Still serving its open connections.
            echo(clients.get(0), "served".getBytes(StandardCharsets.US_ASCII));

            long pid = child.pid();
            long before = ProcFs.threadCpuTicks(pid, EchoServerChild.LOOP_THREAD);
            assertTrue(before >= 0, "no thread named " + EchoServerChild.LOOP_THREAD + " in the child");
            Thread.sleep(2_000);
            long spent = ProcFs.threadCpuTicks(pid, EchoServerChild.LOOP_THREAD) - before;
            assertTrue(spent <= ProcFs.TICKS_PER_SECOND / 2,
                    "the loop used " + spent + " ticks of CPU in 2 s out of descriptors: a busy loop?");
            // Once per episode, not once per refused connection: an episode ends only when an accept
            // succeeds again ("accepting again"), which a descriptor the JVM itself held for a moment
            // (a class file, say) can allow while our clients still wait; then the next refusal is a
            // new episode. So every "out of descriptors" line but the current one has its end.
            // The colon: an episode's first line says "out of descriptors: …", its end says "accepting
            // again after N ms out of descriptors (…)", which must not count as an episode too.
            long episodes = out.errorLines(OutOfDescriptorsLog.START);
            assertEquals(episodes - 1, out.errorLines(OutOfDescriptorsLog.END), "logged once per episode: " + out.stderr());
            assertTrue(episodes <= 3, "an episode is not a retry: " + out.stderr());

            // Free twice as many descriptors as connections wait in the backlog (about four, give or take
            // what else the child opened): the last one must then be accepted and served, and every
            // loop accept again (within a retry interval), which ends the episode.
            int freed = 8;
            for (int i = 0; i < freed; i++) {
                clients.get(i).close();
            }
            echo(clients.get(connections - 1), "accepted again".getBytes(StandardCharsets.US_ASCII));
            eventually(30_000, "every loop accepting again",
                    () -> out.errorLines(OutOfDescriptorsLog.END) == out.errorLines(OutOfDescriptorsLog.START));

            child.getOutputStream().write("stop\n".getBytes(StandardCharsets.US_ASCII));
            child.getOutputStream().flush();
            ResultLine summary = out.awaitResult(EchoSummary.PREFIX, 30_000);
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not exit");
            assertEquals(0, child.exitValue(), "child exit status; stderr: " + out.stderr());
            // Paced as the server's own log allows, however slowly this machine ran the test.
            OutOfDescriptorsLog logged = OutOfDescriptorsLog.parse(out.stderr());
            int loops = (int) Math.max(1, out.stdout().stream().filter(l -> l.startsWith(EchoSummary.LOOP_PREFIX + " ")).count());
            for (OutOfDescriptorsLog.Episode e : logged.episodes()) {
                assertTrue(e.failedRetries() <= logged.mostFailedRetries(e, loops, freed),
                        e + " in " + loops + " loop(s), retrying every " + logged.retryMillis() + " ms: " + out.stderr());
            }
            // A completion loop accepts inside the kernel and makes no accept4 call: the CPU check is its proof.
            long accepts = summary.groupCounts().containsKey("accept4") ? syscalls(summary, "accept4") : 0;
            long most = logged.mostAccepts(loops, summary.count("connections"));
            assertTrue(accepts <= most, accepts + " accept4 calls, at most " + most + " for " + logged + " in " + loops
                    + " loop(s): " + summary.format());
        } finally {
            for (Socket s : clients) {
                s.close();
            }
        }
    }

    @Test
    void stopsWithinASecondFromAnotherThreadAndReleasesEveryDescriptorAndByte() throws Exception {
        skipIfCannot(Check.STOP);
        Random random = new Random(17);
        // One full cycle first, so state a server creates once per process is part of the baseline.
        try (RunningServer warm = start(EchoConfig.loopbackAnyPort()); Socket s = connect(warm.address())) {
            echo(s, randomBytes(random, 10));
        }
        long descriptors = ProcFs.kernelObjects();
        long bytes = NativeMemory.liveBytes();

        List<Socket> clients = new ArrayList<>();
        RunningServer server = start(EchoConfig.loopbackAnyPort());
        try {
            for (int i = 0; i < 20; i++) {
                clients.add(connect(server.address()));
                echo(clients.get(i), randomBytes(random, 1 + random.nextInt(10_000)));
            }
            // One peer with bytes the server is still holding for it when the stop comes.
            Socket stubborn = connect(server.address());
            clients.add(stubborn);
            stubborn.getOutputStream().write(randomBytes(random, 200_000));
            eventually(10_000, "all connected", () -> server.stats().open() == 21);
        } finally {
            long took = server.stop(1_000);
            assertTrue(took < SECOND, "stop took " + took / 1_000_000 + " ms");
            for (Socket s : clients) {
                s.close();
            }
        }
        assertEquals(descriptors, ProcFs.kernelObjects(), "sockets, pipes or epoll/eventfd descriptors left open");
        assertEquals(bytes, NativeMemory.liveBytes(), "native memory left allocated");
    }

    // ---- helpers

    private RunningServer start(EchoConfig config) {
        return RunningServer.start(newServer(), config);
    }

    private void skipIfCannot(Check check) {
        String reason = cannotMeet(check);
        assumeTrue(reason == null, reason);
    }


    /**
     * The most the kernel can hold between a peer and the server: the peer's send and receive
     * buffers and the server side's, which autotuning may grow up to tcp_rmem/tcp_wmem's maximum.
     */
    private static long kernelBufferBound(SocketChannel peer) throws IOException {
        long peerBuffers = peer.getOption(StandardSocketOptions.SO_SNDBUF) + peer.getOption(StandardSocketOptions.SO_RCVBUF);
        return peerBuffers + sysctlMax("tcp_rmem") + sysctlMax("tcp_wmem");
    }

    private static long sysctlMax(String name) throws IOException {
        String[] fields = ProcFs.read(Path.of("/proc/sys/net/ipv4", name)).trim().split("\\s+");
        return Long.parseLong(fields[fields.length - 1]);
    }

    private static void ensureFileLimit(long needed) {
        Proc.FileLimit limit = Proc.openFileLimit();
        if (limit.soft() != Proc.UNLIMITED && limit.soft() < needed) {
            assumeTrue(limit.hard() == Proc.UNLIMITED || limit.hard() >= needed,
                    "RLIMIT_NOFILE hard limit " + limit.hard() + " is below the " + needed + " descriptors this check needs");
            Proc.setOpenFileLimit(needed, limit.hard());
        }
    }

    private static long syscalls(ResultLine summary, String name) {
        Long n = summary.groupCounts().get(name);
        if (n == null) {
            fail("no " + name + " count in: " + summary.format());
        }
        return n;
    }
}
