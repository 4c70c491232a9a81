package io.muxlab.harness.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;
import java.util.function.Consumer;

/**
 * One load thread: its own JDK {@link Selector} over its share of the connections. Closed loop:
 * each connection keeps {@code depth} messages in flight and sends one more per echo. Open loop:
 * each connection sends on {@link OpenLoopSchedule}, stamped with the intended time, and a message
 * that could not leave on time (socket full, too many in flight) leaves late but keeps its stamp.
 *
 * <p>The hot path allocates nothing: keys are handed to a consumer made once, buffers are reused.
 * The client thread tells phases to the worker through {@link LoadClient#phase()} and wakes its
 * selector; the worker notes its own CPU time at the window's edges.
 */
final class Worker implements Runnable {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final LoadClient client;
    private final List<ClientConnection> connections;
    private final Clock clock;
    private final int depth;
    private final OpenLoopSchedule schedule;
    private final ByteBuffer scratch;
    private final Selector selector;
    final Tally tally;
    private final Consumer<SelectionKey> onReady = this::onReady;

    private long cpuAtStart;
    /** CPU this thread spent inside the measured window; set when the worker ends. */
    volatile long windowCpuNanos;
    /** What stopped the worker early, or null. */
    volatile RuntimeException failure;

    /** @param schedule null for closed loop */
    Worker(LoadClient client, List<ClientConnection> connections, Tally tally, Clock clock, int depth,
            OpenLoopSchedule schedule, int scratchBytes) throws IOException {
        this.client = client;
        this.connections = connections;
        this.tally = tally;
        this.clock = clock;
        this.depth = depth;
        this.schedule = schedule;
        this.scratch = ByteBuffer.allocateDirect(scratchBytes);
        this.selector = Selector.open();
    }

    @Override
    public void run() {
        int seen = LoadClient.WARMUP;
        try {
            for (ClientConnection c : connections) {
                c.channel().configureBlocking(false);
                c.attach(c.channel().register(selector, SelectionKey.OP_READ, c));
                if (schedule == null) {
                    c.owed = depth;
                    pump(c);
                }
            }
            while (true) {
                int phase = client.phase();
                if (phase != seen) {
                    seen = enter(phase);
                }
                if (phase == LoadClient.DONE) {
                    break;
                }
                if (schedule == null) {
                    selector.select(onReady, 100);
                } else {
                    long wait = sendDue() - clock.nanoTime();
                    if (wait >= 1_000_000L) {
                        selector.select(onReady, wait / 1_000_000L);
                    } else {
                        selector.selectNow(onReady);
                    }
                }
            }
        } catch (IOException e) {
            fail(new LoadFailure("load client I/O failed: " + e));
        } catch (UncheckedIOException e) {
            fail(new LoadFailure("load client I/O failed: " + e.getCause()));
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            if (seen == LoadClient.MEASURE) {
                windowCpuNanos = THREADS.getCurrentThreadCpuTime() - cpuAtStart;
            }
            try {
                selector.close();
            } catch (IOException e) {
                fail(new LoadFailure("closing the client's selector: " + e));
            }
        }
    }

    /** Wakes the worker so it sees a new phase at once. */
    void wakeup() {
        selector.wakeup();
    }

    private int enter(int phase) {
        if (phase == LoadClient.MEASURE) {
            tally.startMeasuring();
            cpuAtStart = THREADS.getCurrentThreadCpuTime();
        } else if (phase == LoadClient.DONE) {
            tally.stopMeasuring();
            windowCpuNanos = THREADS.getCurrentThreadCpuTime() - cpuAtStart;
        }
        return phase;
    }

    private void fail(RuntimeException e) {
        if (failure == null) {
            failure = e;
        }
        client.abort();
    }

    private void onReady(SelectionKey key) {
        ClientConnection c = (ClientConnection) key.attachment();
        try {
            if (key.isWritable()) {
                c.onWritable();
            }
            if (key.isReadable()) {
                int completed = c.onReadable(scratch, clock.nanoTime());
                if (schedule == null) {
                    c.owed += completed;
                    pump(c);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closed loop: sends what this connection owes, while it can. */
    private void pump(ClientConnection c) throws IOException {
        while (c.owed > 0 && c.canSend()) {
            c.owed--;
            c.send(clock.nanoTime());
        }
    }

    /** Open loop: sends every message whose time has come; returns when the next one is due. */
    private long sendDue() throws IOException {
        return sendDue(connections, schedule, clock.nanoTime());
    }

    /**
     * Sends, on each connection, every message whose intended time is at or before {@code now},
     * stamped with that intended time (not {@code now}), as far as the connection can take them.
     *
     * @return when the next message of a connection that can send is due (at most 100 ms ahead)
     */
    static long sendDue(List<ClientConnection> connections, OpenLoopSchedule schedule, long now) throws IOException {
        long next = now + 100_000_000L;
        for (int i = 0; i < connections.size(); i++) {
            ClientConnection c = connections.get(i);
            while (c.canSend()) {
                long due = schedule.intended(c.id(), c.sent());
                if (due > now) {
                    next = Math.min(next, due);
                    break;
                }
                c.send(due);
            }
        }
        return next;
    }
}
