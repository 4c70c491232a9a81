package io.muxlab.harness.pitfalls;

import io.muxlab.harness.launch.ServerProcess;
import io.muxlab.harness.launch.Summary;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The small load that brings out each pitfall's symptom, the same for the correct server and the
 * one with the mistake, and the figure it reads. Every wait is bounded: a connection that hangs is
 * reported as "hung after N s", never by hanging the harness.
 */
final class Symptoms {
    /** How long a client waits for an echo or a close before it calls the connection hung. */
    static final int HANG_SECONDS = 3;
    /** Idle connections held open while the loop's idle cost is measured. */
    static final int IDLE_CONNECTIONS = 10;
    /** Half-closing clients in the ignore-rdhup probe (each may or may not win the race to queue its FIN first). */
    static final int HALF_CLOSERS = 5;
    /** Bytes a never-reading peer may send in the unbounded probe, whatever the window: the machine must survive. */
    static final long FLOOD_CAP_BYTES = 512L << 20;

    /** A measured figure: its value, how the table shows it, and whether a bounded wait ran out. */
    record Figure(double value, String shown, boolean hung) {
    }

    private Symptoms() {
    }

    /** busy-poll: CPU of the server, in cores, over {@code windowNanos} with idle connections open. */
    static Figure idleCpu(ServerProcess server, long windowNanos) throws IOException, InterruptedException {
        List<Socket> idle = openIdle(server.address());
        try {
            long start = server.cpuNanos();
            Thread.sleep(windowNanos / 1_000_000);
            double cores = (server.cpuNanos() - start) / (double) windowNanos;
            return new Figure(cores, String.format(Locale.ROOT, "%.2f cores", cores), false);
        } finally {
            closeAll(idle);
        }
    }

    /** always-writable: waits that returned per second over the server's life, idle connections open for {@code windowNanos}. */
    static Figure wakeUps(ServerProcess server, long windowNanos) throws IOException, InterruptedException {
        long born = System.nanoTime();
        List<Socket> idle = openIdle(server.address());
        Summary summary;
        try {
            Thread.sleep(windowNanos / 1_000_000);
        } finally {
            closeAll(idle);
        }
        summary = server.stop(IDLE_CONNECTIONS);
        double seconds = (System.nanoTime() - born) / 1e9;
        long waits = 0;
        for (String wait : List.of("epoll_wait", "poll", "select")) {
            waits += summary.perSyscall().getOrDefault(wait, 0L);
        }
        double perSecond = waits / seconds;
        return new Figure(perSecond, String.format(Locale.ROOT, "%,.0f wake-ups/s", perSecond), false);
    }

    /** single-read: one client sends three buffers' worth at once and waits (bounded) for all of it back. */
    static Figure bigMessage(ServerProcess server) throws IOException {
        byte[] message = new byte[3 * 16 * 1024];
        try (Socket s = connect(server.address())) {
            long start = System.nanoTime();
            s.getOutputStream().write(message);
            InputStream in = s.getInputStream();
            int got = 0;
            byte[] sink = new byte[message.length];
            try {
                while (got < message.length) {
                    int n = in.read(sink, 0, message.length - got);
                    if (n < 0) {
                        return new Figure(Double.NaN, "closed after " + got + " of " + message.length + " bytes", true);
                    }
                    got += n;
                }
            } catch (SocketTimeoutException e) {
                return new Figure(Double.NaN, "hung after " + HANG_SECONDS + " s (" + got + " of " + message.length + " bytes back)", true);
            }
            double ms = (System.nanoTime() - start) / 1e6;
            return new Figure(ms, String.format(Locale.ROOT, "echoed in %.1f ms", ms), false);
        }
    }

    /**
     * ignore-rdhup: up to {@link #HALF_CLOSERS} clients, one after another, send a line and
     * half-close at once, then wait (bounded) for the server's FIN; the first that hangs ends it.
     */
    static Figure halfClosers(ServerProcess server) throws IOException {
        for (int i = 1; i <= HALF_CLOSERS; i++) {
            try (Socket s = connect(server.address())) {
                s.getOutputStream().write("hi\n".getBytes(StandardCharsets.US_ASCII));
                s.shutdownOutput(); // right behind the bytes: the FIN is usually queued before the server reads
                try {
                    while (s.getInputStream().read() >= 0) {
                        // the echo, then the server's FIN
                    }
                } catch (SocketTimeoutException e) {
                    return new Figure(i, "hung after " + HANG_SECONDS + " s (client " + i + " of " + HALF_CLOSERS + ")", true);
                }
            }
        }
        return new Figure(0, "all " + HALF_CLOSERS + " closed", false);
    }

    /** unbounded: a peer that sends and never reads, for {@code windowNanos} or the cap; the server's RSS growth per second. */
    static Figure rssGrowth(ServerProcess server, long windowNanos) throws IOException {
        long before = rssBytes(server.pid());
        long start = System.nanoTime();
        long sent = 0;
        try (SocketChannel peer = SocketChannel.open(server.address())) {
            peer.configureBlocking(false);
            ByteBuffer chunk = ByteBuffer.allocateDirect(1 << 20);
            while (System.nanoTime() - start < windowNanos && sent < FLOOD_CAP_BYTES) {
                chunk.clear();
                int n = peer.write(chunk);
                if (n == 0) {
                    Thread.onSpinWait(); // the server stopped reading: backpressure
                }
                sent += n;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double mibPerSecond = (rssBytes(server.pid()) - before) / seconds / (1 << 20);
            return new Figure(mibPerSecond, String.format(Locale.ROOT, "%+.1f MiB/s RSS (%d MiB sent)", mibPerSecond,
                    sent >> 20), false);
        }
    }

    private static long rssBytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS in /proc/" + pid + "/status");
    }

    private static Socket connect(InetSocketAddress address) throws IOException {
        Socket s = new Socket(address.getAddress(), address.getPort());
        s.setTcpNoDelay(true);
        s.setSoTimeout(HANG_SECONDS * 1000);
        return s;
    }

    /** Connections that each echo one byte, then sit idle. */
    private static List<Socket> openIdle(InetSocketAddress address) throws IOException {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < IDLE_CONNECTIONS; i++) {
                Socket s = connect(address);
                idle.add(s);
                s.getOutputStream().write('x');
                if (s.getInputStream().read() != 'x') {
                    throw new IOException("no echo on idle connection " + i);
                }
            }
            return idle;
        } catch (IOException | RuntimeException e) {
            closeAll(idle);
            throw e;
        }
    }

    private static void closeAll(List<Socket> sockets) {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // closing our own end: nothing to do about it
            }
        }
    }
}
