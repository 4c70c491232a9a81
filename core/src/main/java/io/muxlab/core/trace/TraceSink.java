package io.muxlab.core.trace;

import java.io.PrintStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Where {@code --trace} lines go: a bounded queue in front of one writer thread. A reader that
 * stalls (a pipe nobody reads, a terminal paused with Ctrl-S) then costs trace lines, counted,
 * and never the loop's progress or its shutdown: {@link #line} never blocks; when the queue is full
 * the line is dropped and counted, and the writer says how many were dropped at the point where
 * they are missing. (The other choice, blocking the loop until the reader catches up, is what a
 * plain {@code System.out.println} does, and it held every client hostage.)
 *
 * <p>Threading: any thread may call {@link #line}; one daemon thread writes; {@link #close} is
 * called once, by the owner, after the loops have stopped.
 */
public final class TraceSink {
    /** Lines held while the reader is behind: a few MB at most, seconds of a busy trace. */
    public static final int CAPACITY = 16_384;
    private static final long POLL_MILLIS = 50;

    private final BlockingQueue<String> queue;
    private final PrintStream out;
    private final Thread writer;
    /** Lines dropped in all, and how many of them a marker line has owned up to; under this object's lock. */
    private long dropped;
    private long reported;
    /** Set by close: the writer ends once the queue is empty. */
    private volatile boolean closing;

    public TraceSink(PrintStream out, int capacity) {
        this.out = out;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = new Thread(this::write, "trace-writer");
        writer.setDaemon(true); // a writer stuck on a stalled reader must not keep the JVM alive
        writer.start();
    }

    /**
     * Queues one line; never blocks. A line that finds the queue full is dropped and counted; the
     * next line that fits is preceded by a marker saying how many are missing there. Synchronized
     * because several loops may trace at once; the lock is never held across a write.
     */
    public synchronized void line(String text) {
        if (dropped > reported) {
            if (!queue.offer(marker(dropped - reported))) {
                dropped++;
                return;
            }
            reported = dropped;
        }
        if (!queue.offer(text)) {
            dropped++;
        }
    }

    /** Lines dropped so far because the reader was behind. */
    public synchronized long dropped() {
        return dropped;
    }

    /**
     * Stops the writer once what is queued is written, waiting at most {@code drainMillis}.
     *
     * @return true if everything queued was written; false if the reader is still stalled (the
     *     writer is then left blocked, a daemon the JVM's exit ends)
     */
    public boolean close(long drainMillis) throws InterruptedException {
        closing = true;
        writer.join(drainMillis);
        return !writer.isAlive();
    }

    private static String marker(long lost) {
        return "trace: " + lost + " line(s) dropped here: standard output fell behind";
    }

    /** The drops no marker has owned up to yet, now claimed by the caller. */
    private synchronized long unreported() {
        long lost = dropped - reported;
        reported = dropped;
        return lost;
    }

    private void write() {
        try {
            while (true) {
                String text = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (text != null) {
                    out.println(text);
                } else if (closing) {
                    long lost = unreported(); // dropped after the last line that got in
                    if (lost > 0) {
                        out.println(marker(lost));
                    }
                    out.flush();
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
