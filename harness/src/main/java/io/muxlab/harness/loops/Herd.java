package io.muxlab.harness.loops;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The thundering herd, counted where it happens: in the kernel's scheduler. Connections are made
 * one at a time (each echoes a byte before the next), and the voluntary context switches of the
 * server's loop threads ({@code loop-N} in /proc/PID/task) are read before and after. Each switch
 * is a loop that was woken and went back to sleep, whether or not its wait returned to user space
 * (level-triggered epoll puts a herd member back to sleep in the kernel when the accept queue is
 * already empty, so the loops' own counters miss it). One connection costs about one switch, on
 * the loop that serves it (its accept and its byte usually arrive in one wake-up); more is the herd.
 */
final class Herd {
    static final int CONNECTIONS = 50;
    /** How long a server may take from "listening on" to its loop threads. */
    static final long START_MILLIS = 10_000;

    private Herd() {
    }

    /** Loop-thread context switches per connection, over {@link #CONNECTIONS} connections made one by one. */
    static double switchesPerConnection(long pid, int loops, InetSocketAddress address) throws IOException {
        List<Socket> open = new ArrayList<>();
        try {
            awaitLoops(pid, loops);
            long before = loopSwitches(pid);
            for (int i = 0; i < CONNECTIONS; i++) {
                Socket s = new Socket(address.getAddress(), address.getPort());
                open.add(s);
                s.setSoTimeout(10_000);
                s.getOutputStream().write('x');
                if (s.getInputStream().read() != 'x') {
                    throw new IOException("no echo on herd connection " + i);
                }
            }
            return (loopSwitches(pid) - before) / (double) CONNECTIONS;
        } finally {
            for (Socket s : open) {
                s.close();
            }
        }
    }

    /**
     * Waits (at most {@link #START_MILLIS}) until the server has its {@code loops} loop threads: it
     * says "listening on" before it starts them, and a count begun earlier would miss a loop.
     */
    private static void awaitLoops(long pid, int loops) throws IOException {
        long deadline = System.nanoTime() + START_MILLIS * 1_000_000L;
        int seen;
        while ((seen = loopThreads(pid)) < loops) {
            if (System.nanoTime() > deadline) {
                throw new IOException(seen + " of " + loops + " loop-N threads in /proc/" + pid + "/task after " + START_MILLIS + " ms");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the loop threads", e);
            }
        }
    }

    private static int loopThreads(long pid) throws IOException {
        int threads = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                if (isLoop(task)) {
                    threads++;
                }
            }
        }
        return threads;
    }

    private static boolean isLoop(Path task) throws IOException {
        return Files.readString(task.resolve("comm")).strip().startsWith("loop-");
    }

    /** Voluntary context switches of every thread named {@code loop-N}, summed. */
    static long loopSwitches(long pid) throws IOException {
        long sum = 0;
        int threads = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                if (!isLoop(task)) {
                    continue;
                }
                threads++;
                for (String line : Files.readAllLines(task.resolve("status"))) {
                    if (line.startsWith("voluntary_ctxt_switches:")) {
                        sum += Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                    }
                }
            }
        }
        if (threads == 0) {
            throw new IOException("no loop-N threads in /proc/" + pid + "/task");
        }
        return sum;
    }
}
