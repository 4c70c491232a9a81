package io.muxlab.delay.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Appends records to the {@link SegmentLog} under a {@link FsyncPolicy}, safe for many threads.
 *
 * <p>Group commit ({@code BATCH}) is flat combining: a caller puts its {@link Append} on a lock-free
 * queue and parks, once. The syncer thread takes everything queued (all that arrived while its last
 * fsync ran), runs every member's {@link Append#records} under one hold of the group lock, encodes
 * the frames into one buffer, writes and fsyncs it, runs every {@link Append#durable} under one more
 * hold of the group lock, and unparks the members. Per caller that is one queue insert and one
 * park/unpark; per group, two group-lock holds, one write and one fsync.
 *
 * <p>Why not the simpler design (callers copy bytes under a lock and wait on a condition): on two
 * cores with hundreds of producers, every contended lock becomes a convoy. {@code signalAll} hands
 * the lock from each woken waiter to the next, and then every woken caller queued on the state lock
 * again; each handoff waits for a thread to be scheduled, so throughput fell as producers were
 * added even with free fsyncs. Here no caller blocks on a lock on the way in or out.
 *
 * <p>{@code ALWAYS} and {@code NEVER} run the same steps in the caller's thread as a group of one
 * (ALWAYS: each call pays its own fsync, which is the point of the policy). Locks: the group lock
 * (the queue's state lock) guards what the hooks touch; {@code lock} serialises the segment log
 * (writes, fsyncs, compaction). No thread here holds both: compaction takes the state lock and then
 * {@code lock}, and may run while a group is between its {@code records} hook and its
 * {@code durable} hook. Its records may then already sit in a file the compaction deletes, while the
 * state the compaction copies does not show them yet; so the base carries every such group's records
 * after the copied state ({@link #inFlight}), and when the group's own write lands after the base
 * too, recovery sees them twice, which {@code TaskMachine.apply} tolerates (a second ADD of a held
 * id, a DONE of a freed one, are ignored).
 */
public final class LogWriter implements AutoCloseable {
    private static final int BUFFER_BYTES = 1 << 20;

    private final SegmentLog log;
    private final FsyncPolicy policy;
    private final Lock groupLock;
    private final ReentrantLock lock = new ReentrantLock();
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    /** The records of each group between its records and durable hooks; guarded by the group lock. */
    private final List<List<LogRecord>> inFlight = new ArrayList<>();
    /** Callers between checking {@code closing} and queueing: the syncer drains them before it exits. */
    private final AtomicInteger entering = new AtomicInteger();
    private final Thread syncer;
    private volatile boolean syncerParked;
    private volatile boolean closing;
    private volatile IOException failure;

    /** A writer whose hooks need no lock beyond its own (tests and tools). */
    public LogWriter(Path dir, LogRecovery.Result recovered, FsyncPolicy policy, long maxSegmentBytes) throws IOException {
        this(dir, recovered, policy, maxSegmentBytes, new ReentrantLock());
    }

    /** {@code groupLock} is held around every {@link Append} hook call. */
    public LogWriter(Path dir, LogRecovery.Result recovered, FsyncPolicy policy, long maxSegmentBytes, Lock groupLock)
            throws IOException {
        this.log = new SegmentLog(dir, recovered, maxSegmentBytes);
        this.policy = policy;
        this.groupLock = groupLock;
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
        append(() -> List.of(r));
    }


    /**
     * Runs {@code a}'s records through the log and returns once they are durable per the policy and
     * {@link Append#durable} has run; throws what {@link Append#records} threw, or an
     * {@link UncheckedIOException} if the log failed (after {@link Append#failed} ran).
     */
    public void append(Append a) {
        Pending p = new Pending(a, Thread.currentThread(), null);
        submit(p);
        p.await();
    }

    /**
     * Like {@link #append} without waiting: the future completes once the records are durable and
     * {@link Append#durable} has run (or exceptionally, as {@code append} would throw). With
     * {@code BATCH} it completes on the syncer thread, so whatever a caller chains to it without
     * an executor runs there and delays the next group.
     */
    public CompletableFuture<Void> appendAsync(Append a) {
        Pending p = new Pending(a, null, new CompletableFuture<>());
        submit(p);
        return p.future;
    }

    private void submit(Pending p) {
        checkOpen();
        if (policy != FsyncPolicy.BATCH) {
            if (closing) {
                throw new IllegalStateException("the log is closed");
            }
            commit(List.of(p), ByteBuffer.allocate(256));
        } else {
            entering.incrementAndGet();
            try {
                if (closing) {
                    // The syncer drains what was queued before close and then exits; nothing after.
                    throw new IllegalStateException("the log is closed");
                }
                queue.offer(p);
            } finally {
                entering.decrementAndGet();
            }
            if (syncerParked) {
                LockSupport.unpark(syncer);
            }
        }
    }

    /** Bytes in the files recovery would read. */
    public long logBytes() {
        return log.totalBytes();
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
        return log.fsyncs();
    }

    /**
     * Compacts with no write running; {@code live} writes the records that reproduce the queue's
     * state. The caller holds the group lock, so no hook runs meanwhile.
     */
    public void compact(Consumer<Consumer<LogRecord>> live, CompactionProbe probe) {
        lock.lock();
        try {
            checkOpen();
            log.compact(out -> {
                live.accept(out);
                inFlight.forEach(records -> records.forEach(out));
            }, probe);
        } catch (IOException e) {
            failure = e;
            throw new UncheckedIOException("compaction failed", e);
        } finally {
            lock.unlock();
        }
    }

    /** Starts a {@link StagedSegment}; nothing in it is part of the log until {@link #commit}. */
    public StagedSegment stage(Path dir) throws IOException {
        checkOpen();
        return new StagedSegment(LogFiles.importTemp(dir));
    }

    /**
     * Fsyncs a staged segment and renames it into the log after everything appended so far: all its
     * records become durable at once. The caller holds the group lock, so no group is between its
     * records and its write meanwhile.
     */
    public void commit(StagedSegment staged) throws IOException {
        checkOpen();
        // A failure here is the staged file's own: the log is untouched and goes on.
        long bytes = staged.finish();
        lock.lock();
        try {
            checkOpen();
            log.adopt(staged.file(), bytes);
            staged.committed();
        } catch (IOException e) {
            failure = e;
            throw logFailed(e);
        } finally {
            lock.unlock();
        }
    }

    /** Makes everything appended durable, stops the syncer and closes the current segment. */
    @Override
    public void close() throws IOException {
        closing = true;
        if (syncer != null) {
            LockSupport.unpark(syncer);
            boolean interrupted = false;
            while (true) {
                try {
                    syncer.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
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
        List<Pending> group = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.allocate(BUFFER_BYTES);
        while (true) {
            for (Pending p = queue.poll(); p != null; p = queue.poll()) {
                group.add(p);
            }
            if (group.isEmpty()) {
                if (closing && entering.get() == 0 && queue.isEmpty()) {
                    return;
                }
                syncerParked = true;
                if (queue.isEmpty()) {
                    if (closing) {
                        // A caller is between its check of closing and its insert; it will not unpark us.
                        LockSupport.parkNanos(this, 100_000);
                    } else {
                        LockSupport.park(this);
                    }
                }
                syncerParked = false;
                continue;
            }
            buf = commit(group, buf);
            if (buf.capacity() > BUFFER_BYTES) {
                buf = ByteBuffer.allocate(BUFFER_BYTES);
            }
            group.clear();
        }
    }

    /**
     * Prepares, writes, fsyncs (per policy) and settles one group, then releases its callers.
     * Returns the buffer, grown if the group needed more room.
     */
    private ByteBuffer commit(List<Pending> group, ByteBuffer buf) {
        buf.clear();
        List<Pending> members = new ArrayList<>(group.size());
        List<LogRecord> written = new ArrayList<>();
        groupLock.lock();
        try {
            for (Pending p : group) {
                if (failure != null) {
                    p.settle(logFailed(failure));
                    continue;
                }
                List<LogRecord> records;
                try {
                    records = p.append.records();
                } catch (RuntimeException e) {
                    p.settle(e);
                    continue;
                }
                members.add(p);
                written.addAll(records);
                for (LogRecord r : records) {
                    int n = RecordCodec.frameBytes(r);
                    if (buf.remaining() < n) {
                        buf = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + n)).put(buf.flip());
                    }
                    RecordCodec.encode(r, buf);
                }
            }
            if (!members.isEmpty()) {
                inFlight.add(written);
            }
        } finally {
            groupLock.unlock();
        }
        if (members.isEmpty()) {
            return buf;
        }
        // A group of operations that found nothing to do (a cancel of a running task) writes nothing.
        IOException error = buf.position() == 0 ? null : writeAndSync(buf);
        groupLock.lock();
        try {
            inFlight.removeIf(records -> records == written);
            for (Pending p : members) {
                try {
                    if (error == null) {
                        p.append.durable();
                    } else {
                        p.append.failed();
                    }
                } catch (RuntimeException e) {
                    p.error = e;
                }
            }
        } finally {
            groupLock.unlock();
        }
        // Serial unparks from here measured better than a wake-up tree over the callers (each woken
        // caller waking two more): on two busy cores the tree's depth, one scheduling delay per
        // level, cost more than the syncer's ~10 µs per unpark, and groups shrank.
        for (Pending p : members) {
            p.settle(error == null ? p.error : logFailed(error));
        }
        return buf;
    }

    /** One write of the whole group and, unless NEVER, one fsync; the segment log is ours meanwhile. */
    private IOException writeAndSync(ByteBuffer buf) {
        lock.lock();
        try {
            if (failure != null) {
                return failure;
            }
            buf.flip();
            log.write(buf);
            if (policy != FsyncPolicy.NEVER) {
                log.force();
            }
            return null;
        } catch (IOException e) {
            failure = e;
            return e;
        } finally {
            lock.unlock();
        }
    }

    private void checkOpen() {
        IOException f = failure;
        if (f != null) {
            throw logFailed(f);
        }
    }

    private static UncheckedIOException logFailed(IOException cause) {
        return new UncheckedIOException("the log failed; the queue cannot make tasks durable", cause);
    }

    /** A caller parked until the group holding its append is settled, or a future completed then. */
    private static final class Pending {
        final Append append;
        final Thread caller;
        final CompletableFuture<Void> future;
        /** Set by the settling thread before {@code done}; read by the caller after it. */
        RuntimeException error;
        volatile boolean done;

        Pending(Append append, Thread caller, CompletableFuture<Void> future) {
            this.append = append;
            this.caller = caller;
            this.future = future;
        }

        /** Releases the caller: it returns, or throws {@code e} if not null; or completes the future so. */
        void settle(RuntimeException e) {
            error = e;
            done = true;
            if (future == null) {
                LockSupport.unpark(caller);
            } else if (e == null) {
                future.complete(null);
            } else {
                future.completeExceptionally(e);
            }
        }

        /** Parks until settled, ignoring interrupts meanwhile (and restoring them). */
        void await() {
            boolean interrupted = false;
            while (!done) {
                LockSupport.park(this);
                interrupted |= Thread.interrupted();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (error != null) {
                throw error;
            }
        }
    }
}
