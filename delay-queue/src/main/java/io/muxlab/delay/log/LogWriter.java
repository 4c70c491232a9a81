package io.muxlab.delay.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Appends records to the {@link SegmentLog} under a {@link FsyncPolicy}, safe for many threads.
 *
 * <p>Group commit ({@code BATCH}): an append encodes its record into the fill buffer under the lock
 * and takes a ticket (the byte count appended so far, its own record included). The syncer thread
 * swaps the fill buffer for an empty one, writes and fsyncs it outside the lock, then publishes the
 * byte count it covered; every appender whose ticket is covered wakes and returns. While one fsync
 * runs, the next batch collects, so one fsync covers everybody who appended in its window. The fill
 * buffer is bounded: an appender that finds it full waits for the syncer (back-pressure).
 *
 * <p>{@code ALWAYS} and {@code NEVER} write under the lock in the caller's thread (then fsync for
 * ALWAYS). Threading: {@code lock} guards every field; the segment log is touched only by the
 * syncer (BATCH) or by lock holders (others, and compaction, which first waits until all is synced).
 */
public final class LogWriter implements AutoCloseable {
    private static final int BUFFER_BYTES = 1 << 20;

    private final SegmentLog log;
    private final FsyncPolicy policy;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition covered = lock.newCondition();
    private final Condition work = lock.newCondition();
    private final Condition space = lock.newCondition();
    private final Thread syncer;
    private ByteBuffer fill = ByteBuffer.allocate(BUFFER_BYTES);
    private ByteBuffer spare = ByteBuffer.allocate(BUFFER_BYTES);
    /** Bytes accepted, and bytes made as durable as the policy promises. */
    private long appended;
    private long durable;
    private boolean syncing;
    private boolean closing;
    private IOException failure;

    public LogWriter(Path dir, LogRecovery.Result recovered, FsyncPolicy policy, long maxSegmentBytes) throws IOException {
        this.log = new SegmentLog(dir, recovered, maxSegmentBytes);
        this.policy = policy;
        if (policy == FsyncPolicy.BATCH) {
            syncer = new Thread(this::syncLoop, "delay-queue-syncer");
            syncer.setDaemon(true);
            syncer.start();
        } else {
            syncer = null;
        }
    }

    /** Appends one record and returns once it is durable per the policy. */
    public void appendDurable(LogRecord r) {
        awaitDurable(append(List.of(r)));
    }

    /** Appends records in order and returns once all are durable per the policy. */
    public void appendAllDurable(List<LogRecord> records) {
        awaitDurable(append(records));
    }

    /** Appends records in order; returns a ticket for {@link #awaitDurable}. */
    public long append(List<LogRecord> records) {
        lock.lock();
        try {
            checkOpen();
            if (closing) {
                // The syncer drains what was appended before close and then exits; nothing after.
                throw new IllegalStateException("the log is closed");
            }
            if (policy != FsyncPolicy.BATCH) {
                for (LogRecord r : records) {
                    ByteBuffer b = ByteBuffer.wrap(RecordCodec.encode(r));
                    appended += b.remaining();
                    log.write(b);
                }
                if (policy == FsyncPolicy.ALWAYS) {
                    log.force();
                }
                durable = appended;
                return appended;
            }
            for (LogRecord r : records) {
                int n = RecordCodec.frameBytes(r);
                while (fill.remaining() < n && fill.position() > 0) {
                    work.signal();
                    space.awaitUninterruptibly();
                    checkOpen();
                }
                if (fill.remaining() < n) {
                    fill = ByteBuffer.allocate(n);
                }
                RecordCodec.encode(r, fill);
                appended += n;
            }
            work.signal();
            return appended;
        } catch (IOException e) {
            failure = e;
            throw new UncheckedIOException("log append failed", e);
        } finally {
            lock.unlock();
        }
    }

    public void awaitDurable(long ticket) {
        lock.lock();
        try {
            while (durable < ticket) {
                checkOpen();
                covered.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Bytes in the files recovery would read. */
    public long logBytes() {
        lock.lock();
        try {
            return log.totalBytes() + (appended - durable);
        } finally {
            lock.unlock();
        }
    }

    public int logFiles() {
        lock.lock();
        try {
            return log.files();
        } finally {
            lock.unlock();
        }
    }

    public long fsyncs() {
        lock.lock();
        try {
            return log.fsyncs();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Compacts with every earlier append durable and no append running; {@code live} writes the
     * records that reproduce the queue's state. Appenders wait meanwhile.
     */
    public void compact(Consumer<Consumer<LogRecord>> live, CompactionProbe probe) {
        lock.lock();
        try {
            while (durable < appended || syncing) {
                checkOpen();
                covered.awaitUninterruptibly();
            }
            checkOpen();
            log.compact(live, probe);
        } catch (IOException e) {
            failure = e;
            throw new UncheckedIOException("compaction failed", e);
        } finally {
            lock.unlock();
        }
    }

    /** Makes everything appended durable, stops the syncer and closes the current segment. */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            closing = true;
            work.signalAll();
        } finally {
            lock.unlock();
        }
        if (syncer != null) {
            try {
                syncer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        lock.lock();
        try {
            if (failure == null && policy != FsyncPolicy.NEVER) {
                log.force();
            }
            log.close();
        } finally {
            lock.unlock();
        }
    }

    private void syncLoop() {
        while (true) {
            ByteBuffer batch;
            long target;
            lock.lock();
            try {
                while (fill.position() == 0 && !closing) {
                    work.awaitUninterruptibly();
                }
                if (fill.position() == 0 || failure != null) {
                    return;
                }
                batch = fill;
                fill = spare.capacity() >= BUFFER_BYTES ? spare : ByteBuffer.allocate(BUFFER_BYTES);
                fill.clear();
                target = appended;
                syncing = true;
                space.signalAll();
            } finally {
                lock.unlock();
            }
            IOException error = null;
            try {
                batch.flip();
                log.write(batch);
                log.force();
            } catch (IOException e) {
                error = e;
            }
            lock.lock();
            try {
                batch.clear();
                spare = batch.capacity() == BUFFER_BYTES ? batch : ByteBuffer.allocate(BUFFER_BYTES);
                syncing = false;
                if (error != null) {
                    failure = error;
                } else {
                    durable = target;
                }
                covered.signalAll();
                space.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void checkOpen() {
        if (failure != null) {
            throw new UncheckedIOException("the log failed earlier; the queue cannot make tasks durable", failure);
        }
    }
}
