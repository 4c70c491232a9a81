package io.muxlab.delay.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The files of the log: appends go to the highest segment, which rolls to a new one past a size;
 * compaction replaces every older file by one base file. Not thread-safe: {@link LogWriter}
 * serialises every call.
 *
 * <p>Compaction is crash-safe by ordering: the base is written and fsynced under a temporary name,
 * renamed atomically (after which recovery prefers it and deletes what it replaces), and only then
 * are the old files deleted. A crash before the rename leaves the old files in charge; a crash
 * after it leaves the base in charge; no moment has neither. A {@link StagedSegment} joins the log the
 * same way: whole under a temporary name, then renamed to the next number.
 *
 * <p>Each new segment is recorded in the {@link Manifest} once it exists, so recovery can tell that
 * the newest one went missing.
 */
final class SegmentLog implements AutoCloseable {
    private final Path dir;
    private final long maxSegmentBytes;
    /** Files recovery would read: the base (if any) then segments, with their sizes. */
    private final List<Long> segments;
    private long base;
    /** Sizes and the fsync count are volatile: stats read them while the syncer writes. */
    private volatile long baseBytes;
    private volatile long closedBytes;
    private FileChannel current;
    private long currentNumber;
    private volatile long currentSize;
    private volatile long fsyncs;

    SegmentLog(Path dir, LogRecovery.Result recovered, long maxSegmentBytes) throws IOException {
        this.dir = dir;
        this.maxSegmentBytes = maxSegmentBytes;
        this.base = recovered.base();
        this.segments = new ArrayList<>(recovered.segments());
        if (segments.isEmpty()) {
            baseBytes = recovered.bytes();
            create(base + 1);
        } else {
            long last = segments.get(segments.size() - 1);
            baseBytes = 0;
            closedBytes = recovered.bytes() - recovered.lastSize();
            current = FileChannel.open(LogFiles.segment(dir, last), StandardOpenOption.WRITE);
            currentNumber = last;
            currentSize = recovered.lastSize();
            current.position(currentSize);
        }
    }

    /** Writes the whole buffer to the current segment, rolling first if it would grow past its limit. */
    void write(ByteBuffer data) throws IOException {
        if (currentSize > RecordCodec.SEGMENT_HEADER_BYTES && currentSize + data.remaining() > maxSegmentBytes) {
            roll();
        }
        while (data.hasRemaining()) {
            currentSize += current.write(data);
        }
    }

    void force() throws IOException {
        current.force(false);
        fsyncs++;
    }

    long fsyncs() {
        return fsyncs;
    }

    /** Bytes in every file recovery would read now. */
    long totalBytes() {
        return baseBytes + closedBytes + currentSize;
    }

    int files() {
        return segments.size() + (base > 0 ? 1 : 0);
    }

    /**
     * Replaces every file by one base holding what {@code live} writes, and moves appends to a new
     * segment. The caller guarantees nothing else is appended meanwhile.
     */
    void compact(Consumer<Consumer<LogRecord>> live, CompactionProbe probe) throws IOException {
        roll();
        long covered = currentNumber - 1;
        Path temp = LogFiles.baseTemp(dir, covered);
        long written;
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            RecordCodec.writeSegmentHeader(buf);
            long[] total = {0};
            live.accept(r -> {
                int n = RecordCodec.frameBytes(r);
                if (buf.remaining() < n) {
                    total[0] += drain(out, buf);
                }
                ByteBuffer target = buf.remaining() >= n ? buf : ByteBuffer.allocate(n);
                RecordCodec.encode(r, target);
                if (target != buf) {
                    total[0] += drain(out, target);
                }
            });
            written = total[0] + drain(out, buf);
            probe.reached(CompactionStep.TEMP_WRITTEN);
            out.force(true);
        }
        probe.reached(CompactionStep.TEMP_SYNCED);
        Files.move(temp, LogFiles.base(dir, covered), StandardCopyOption.ATOMIC_MOVE);
        LogFiles.syncDirectory(dir);
        probe.reached(CompactionStep.RENAMED);

        List<Path> replaced = new ArrayList<>();
        if (base > 0) {
            replaced.add(LogFiles.base(dir, base));
        }
        for (long n : segments) {
            if (n <= covered) {
                replaced.add(LogFiles.segment(dir, n));
            }
        }
        boolean first = true;
        for (Path p : replaced) {
            Files.delete(p);
            if (first) {
                probe.reached(CompactionStep.FIRST_DELETED);
                first = false;
            }
        }
        LogFiles.syncDirectory(dir);
        segments.removeIf(n -> n <= covered);
        base = covered;
        baseBytes = written;
        closedBytes = 0;
        probe.reached(CompactionStep.FINISHED);
    }

    @Override
    public void close() throws IOException {
        current.close();
    }

    private static long drain(FileChannel out, ByteBuffer buf) {
        buf.flip();
        long n = buf.remaining();
        try {
            while (buf.hasRemaining()) {
                out.write(buf);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        buf.clear();
        return n;
    }

    /**
     * Makes a staged file the next segment, after the current one, and moves appends to a new one
     * after it. The caller guarantees nothing else is appended meanwhile.
     */
    void adopt(Path staged, long bytes) throws IOException {
        closeCurrent();
        long number = currentNumber + 1;
        Files.move(staged, LogFiles.segment(dir, number), StandardCopyOption.ATOMIC_MOVE);
        LogFiles.syncDirectory(dir);
        segments.add(number);
        closedBytes += bytes;
        currentNumber = number;
        create(number + 1);
    }

    private void roll() throws IOException {
        closeCurrent();
        create(currentNumber + 1);
    }

    private void closeCurrent() throws IOException {
        current.force(false);
        fsyncs++;
        current.close();
        closedBytes += currentSize;
        currentSize = 0;
    }

    private void create(long number) throws IOException {
        FileChannel ch = FileChannel.open(LogFiles.segment(dir, number), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        ByteBuffer header = ByteBuffer.allocate(RecordCodec.SEGMENT_HEADER_BYTES);
        RecordCodec.writeSegmentHeader(header);
        header.flip();
        while (header.hasRemaining()) {
            ch.write(header);
        }
        ch.force(true);
        LogFiles.syncDirectory(dir);
        current = ch;
        currentNumber = number;
        currentSize = RecordCodec.SEGMENT_HEADER_BYTES;
        segments.add(number);
        Manifest.write(dir, number);
    }
}
