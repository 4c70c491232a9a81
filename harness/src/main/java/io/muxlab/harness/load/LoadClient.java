package io.muxlab.harness.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Drives one load run against one server: opens the active and then the idle connections (paced,
 * see {@link Connector}), runs the workers through warm-up and the measured window, and gathers
 * what they counted. Every wait is bounded, so a server that hangs fails the run instead of the
 * harness.
 *
 * <p>Threading: the calling thread sets the phase and sleeps; each {@link Worker} owns its
 * connections. Phases are told through one volatile field plus a selector wake-up.
 */
public final class LoadClient {
    static final int WARMUP = 0;
    static final int MEASURE = 1;
    static final int DONE = 2;
    private static final long JOIN_MILLIS = 10_000;
    private static final int SCRATCH_BYTES = 256 * 1024;

    /**
     * Called on the client thread at the moments the server is sampled: once the active connections
     * are open and again once the idle ones are too (its memory, before any load), and at the edges of
     * the measured window (its CPU).
     */
    public interface Window {
        /** {@code open} connections are open and each has echoed a ping; no load has run yet. */
        void connected(int open);

        void started();

        void ended();
    }

    private final LoadSpec spec;
    private final Clock clock;
    private volatile int phase = WARMUP;
    private volatile boolean aborted;

    private LoadClient(LoadSpec spec, Clock clock) {
        this.spec = spec;
        this.clock = clock;
    }

    /**
     * Runs {@code spec} and returns what it measured; a run that fails part-way returns a result
     * whose {@link LoadResult#error()} says why.
     *
     * @throws ConnectionRefused if the server would not take all the connections (nothing was measured)
     */
    public static LoadResult run(LoadSpec spec, Clock clock, Window window) throws IOException {
        return new LoadClient(spec, clock).run(window);
    }

    int phase() {
        return phase;
    }

    void abort() {
        aborted = true;
    }

    private LoadResult run(Window window) throws IOException {
        // One list, so a refusal counts every connection before it: the first ones are the active ones.
        List<SocketChannel> open = new ArrayList<>(spec.connections() + spec.idle());
        try {
            Connector.open(spec.address(), spec.connections(), open);
            window.connected(open.size());
            if (spec.idle() > 0) {
                Connector.open(spec.address(), spec.idle(), open);
                window.connected(open.size());
            }
            return drive(new ArrayList<>(open.subList(0, spec.connections())), window);
        } finally {
            closeAll(open);
        }
    }

    private LoadResult drive(List<SocketChannel> channels, Window window) throws IOException {
        int threads = Math.min(spec.threads(), spec.connections());
        ByteBuffer[] templates = new ByteBuffer[threads];
        List<List<ClientConnection>> shares = new ArrayList<>();
        Tally[] tallies = new Tally[threads];
        for (int t = 0; t < threads; t++) {
            templates[t] = Wire.payloadTemplate(spec.messageBytes());
            shares.add(new ArrayList<>());
            tallies[t] = new Tally();
        }
        int maxInFlight = spec.openLoop() ? LoadSpec.OPEN_LOOP_MAX_IN_FLIGHT : spec.depth();
        for (int i = 0; i < channels.size(); i++) {
            int t = i % threads;
            shares.get(t).add(new ClientConnection(i, channels.get(i), spec.messageBytes(), templates[t], maxInFlight, tallies[t]));
        }
        OpenLoopSchedule schedule = spec.openLoop()
                ? new OpenLoopSchedule(clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1), spec.connections(), spec.rate())
                : null;
        List<Worker> workers = new ArrayList<>();
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Worker w = new Worker(this, shares.get(t), tallies[t], clock, spec.depth(), schedule, SCRATCH_BYTES);
            Thread thread = new Thread(w, "load-" + t);
            thread.setDaemon(true);
            workers.add(w);
            running.add(thread);
        }
        running.forEach(Thread::start);

        long windowNanos = 1;
        String error = null;
        try {
            if (sleep(spec.warmupNanos())) {
                phase = MEASURE;
                workers.forEach(Worker::wakeup);
                window.started();
                long t0 = clock.nanoTime();
                boolean whole = sleep(spec.measureNanos());
                windowNanos = Math.max(1, clock.nanoTime() - t0);
                window.ended();
                if (!whole) {
                    error = "the run stopped early";
                }
            }
        } finally {
            phase = DONE;
            workers.forEach(Worker::wakeup);
            for (Thread thread : running) {
                join(thread);
                if (thread.isAlive()) {
                    error = "load thread " + thread.getName() + " did not stop within " + JOIN_MILLIS + " ms";
                }
            }
        }
        for (Worker w : workers) {
            if (w.failure != null) {
                error = w.failure.getMessage();
            }
        }
        if (aborted && error == null) {
            error = "the run was aborted";
        }
        Histogram latency = new Histogram(Tally.MAX_LATENCY_NANOS, 3);
        long messages = 0;
        long bytes = 0;
        long total = spec.idle() + spec.connections();
        long cpu = 0;
        for (Worker w : workers) {
            latency.add(w.tally.latency);
            messages += w.tally.measuredMessages;
            bytes += w.tally.measuredBytes;
            total += w.tally.totalMessages;
            cpu += w.windowCpuNanos;
        }
        return new LoadResult(messages, bytes, windowNanos, latency, cpu, threads, total, error);
    }

    /** Sleeps for {@code nanos} of the client's clock, or less if a worker failed; true if it slept it all. */
    private boolean sleep(long nanos) {
        long end = clock.nanoTime() + nanos;
        while (!aborted) {
            long left = end - clock.nanoTime();
            if (left <= 0) {
                return true;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                aborted = true;
            }
        }
        return false;
    }

    private static void join(Thread thread) {
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeAll(List<SocketChannel> channels) {
        for (SocketChannel ch : channels) {
            try {
                ch.close();
            } catch (IOException e) {
                // Closing a socket the server already reset: nothing left to release.
            }
        }
    }
}
