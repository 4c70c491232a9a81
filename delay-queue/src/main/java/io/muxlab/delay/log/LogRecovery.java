package io.muxlab.delay.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Replays a queue directory on open: finishes an interrupted compaction, checks that no segment is
 * missing, then reads the newest base and every later segment in order, handing each record to a sink.
 *
 * <p>Missing files: segments are numbered from the base's number + 1 (or 1) without gaps, and the
 * {@link Manifest} records the newest one ever created, so a segment deleted anywhere, the last
 * included, is a {@link CorruptLogException} naming it, never a quietly smaller queue (nor ids handed
 * out twice: the lost segment's ids would be).
 *
 * <p>Damage is handled by where it is. In the last file, a record cut short with nothing valid after
 * it is a write the crash interrupted: truncated there with a warning. A whole record whose CRC does
 * not match, at the same place, is not a torn write but corruption of something that was acknowledged:
 * its bytes are copied aside ({@code damaged-FILE-at-OFFSET}) before the truncation, and the warning
 * says so. A damaged record followed by a valid one, or in any file but the last, fails opening with
 * a {@link CorruptLogException} naming the file and offset, because skipping it would silently drop or
 * reorder what follows. A read-only replay ({@code list}, {@code stats}) reports the same and changes
 * nothing.
 */
public final class LogRecovery {

    /** Receives records in log order. */
    @FunctionalInterface
    public interface Sink {
        void accept(LogRecord record);
    }

    /**
     * What is on disk after recovery.
     *
     * @param base number of the base file in use, 0 if none
     * @param segments segment numbers after the base, ascending
     * @param lastSize bytes in the last segment (valid after any truncation), 0 if there is none
     * @param bytes bytes in all files replayed
     * @param records records replayed
     */
    public record Result(long base, List<Long> segments, long lastSize, long bytes, long records) {
    }

    private LogRecovery() {
    }

    /** Recovery for a writer: finishes what a crash interrupted (deleting, truncating) before replaying. */
    public static Result recover(Path dir, Sink sink, Consumer<String> warnings) throws IOException {
        return recover(dir, sink, warnings, false);
    }

    /** The same replay, for a reader: every problem is reported, nothing on disk is changed. */
    public static Result recoverReadOnly(Path dir, Sink sink, Consumer<String> warnings) throws IOException {
        return recover(dir, sink, warnings, true);
    }

    private static Result recover(Path dir, Sink sink, Consumer<String> warnings, boolean readOnly) throws IOException {
        List<Long> bases = LogFiles.bases(dir);
        long base = bases.isEmpty() ? 0 : bases.get(bases.size() - 1);
        List<Path> replaced = new ArrayList<>();
        for (long older : bases.subList(0, Math.max(0, bases.size() - 1))) {
            replaced.add(LogFiles.base(dir, older));
        }
        List<Long> segments = new ArrayList<>();
        for (long n : LogFiles.segments(dir)) {
            if (n <= base) {
                // Left behind by a compaction that stopped after its rename: the base replaces it.
                replaced.add(LogFiles.segment(dir, n));
            } else {
                segments.add(n);
            }
        }
        if (!replaced.isEmpty() && !readOnly) {
            for (Path p : replaced) {
                Files.delete(p);
            }
            warnings.accept("finished an interrupted compaction: files replaced by base " + base + " deleted");
            LogFiles.syncDirectory(dir);
        }
        checkNoneMissing(dir, base, segments);

        List<Path> files = new ArrayList<>();
        if (base > 0) {
            files.add(LogFiles.base(dir, base));
        }
        segments.forEach(n -> files.add(LogFiles.segment(dir, n)));
        long bytes = 0;
        long records = 0;
        long lastSize = 0;
        for (int i = 0; i < files.size(); i++) {
            boolean last = i == files.size() - 1;
            long[] counts = replay(files.get(i), last, sink, warnings, readOnly);
            bytes += counts[0];
            records += counts[1];
            lastSize = counts[0];
        }
        return new Result(base, segments, segments.isEmpty() ? 0 : lastSize, bytes, records);
    }

    private static void checkNoneMissing(Path dir, long base, List<Long> segments) throws IOException {
        long expected = base + 1;
        for (long n : segments) {
            if (n != expected) {
                throw new CorruptLogException(LogFiles.segment(dir, expected).getFileName() + " is missing (the next one on disk is "
                        + LogFiles.segment(dir, n).getFileName() + (base > 0 ? ", after base " + base : "")
                        + "); refusing to open rather than lose its records: restore it from a backup");
            }
            expected++;
        }
        long newest = expected - 1;
        long recorded = Manifest.lastSegment(dir);
        if (recorded > newest) {
            throw new CorruptLogException(LogFiles.segment(dir, newest + 1).getFileName() + " is missing: the manifest records "
                    + "segments up to " + recorded + " and the newest on disk is " + newest + "; refusing to open rather than lose "
                    + "its records and hand out its task ids again: restore it from a backup");
        }
    }

    /** Replays one file; returns {valid bytes, records}. */
    private static long[] replay(Path file, boolean last, Sink sink, Consumer<String> warnings, boolean readOnly)
            throws IOException {
        String name = file.getFileName().toString();
        StandardOpenOption[] mode = readOnly ? new StandardOpenOption[] {StandardOpenOption.READ}
                : new StandardOpenOption[] {StandardOpenOption.READ, StandardOpenOption.WRITE};
        try (FileChannel ch = FileChannel.open(file, mode)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new CorruptLogException(name + ": " + size + " bytes is larger than any segment this queue writes");
            }
            if (size < RecordCodec.SEGMENT_HEADER_BYTES) {
                if (!last) {
                    throw new CorruptLogException(name + ": only " + size + " bytes, no header, and later files exist; "
                            + "refusing to open (move the file aside to accept losing it)");
                }
                if (readOnly) {
                    warnings.accept(name + ": header torn at offset 0 (" + size + " bytes); left as is (a writer rewrites it)");
                    return new long[] {size, 0};
                }
                warnings.accept(name + ": header torn at offset 0 (" + size + " bytes); rewritten empty");
                ch.truncate(0);
                ByteBuffer header = ByteBuffer.allocate(RecordCodec.SEGMENT_HEADER_BYTES);
                RecordCodec.writeSegmentHeader(header);
                ch.write(header.flip(), 0);
                ch.force(true);
                return new long[] {RecordCodec.SEGMENT_HEADER_BYTES, 0};
            }
            MappedByteBuffer buf = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            if (buf.getInt(0) != RecordCodec.MAGIC || buf.getInt(4) != RecordCodec.VERSION) {
                throw new CorruptLogException(name + ": not a delay-queue log (bad magic or version at offset 0)");
            }
            int offset = RecordCodec.SEGMENT_HEADER_BYTES;
            long records = 0;
            while (offset < size) {
                int n = RecordCodec.check(buf, offset);
                LogRecord r = n > 0 ? RecordCodec.decode(buf, offset) : null;
                if (r == null) {
                    String what = n == RecordCodec.TORN ? "record cut short" : n == RecordCodec.BAD ? "bad length or CRC" : "unknown record kind";
                    if (!last) {
                        throw new CorruptLogException(name + ": damaged record at offset " + offset + " (" + what
                                + ") and later files exist; refusing to open rather than drop them "
                                + "(restore the file, or move it aside to accept losing its records)");
                    }
                    int next = nextValidFrame(buf, offset + 1);
                    if (next >= 0) {
                        throw new CorruptLogException(name + ": damaged record at offset " + offset + " (" + what
                                + ") with a valid record after it at offset " + next
                                + "; refusing to open rather than drop it (restore the file, or truncate it at "
                                + offset + " to accept the loss)");
                    }
                    endAt(ch, buf, file, offset, records, n == RecordCodec.TORN || zeros(buf, offset), what, warnings, readOnly);
                    return new long[] {offset, records};
                }
                sink.accept(r);
                records++;
                offset += n;
            }
            return new long[] {size, records};
        }
    }

    /**
     * Ends the last file at {@code offset}: a torn write is cut off; a damaged whole record is first
     * copied aside, because it was acknowledged and the operator may want it back.
     */
    private static void endAt(FileChannel ch, ByteBuffer buf, Path file, int offset, long records, boolean torn, String what,
            Consumer<String> warnings, boolean readOnly) throws IOException {
        String name = file.getFileName().toString();
        int tail = buf.limit() - offset;
        if (torn) {
            warnings.accept(name + ": torn tail at offset " + offset + " (" + tail + " bytes, " + what + ") "
                    + (readOnly ? "left as is (a writer truncates it)" : "truncated") + "; the " + records + " records before it are kept");
        } else if (readOnly) {
            warnings.accept(name + ": damaged record at offset " + offset + " (" + tail + " bytes, " + what + ") at the end of the "
                    + "log, not a torn write: the task it held is not listed; left as is (a writer copies it aside)");
            return;
        } else {
            Path aside = LogFiles.damaged(file.getParent(), name, offset);
            try (FileChannel out = FileChannel.open(aside, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                ByteBuffer bytes = buf.duplicate().position(offset);
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            LogFiles.syncDirectory(file.getParent());
            warnings.accept(name + ": damaged record at offset " + offset + " (" + tail + " bytes, " + what + ") at the end of the "
                    + "log, not a torn write: an acknowledged task may be lost; its bytes are kept in " + aside.getFileName()
                    + " and the log goes on without it");
        }
        if (!readOnly) {
            ch.truncate(offset);
            ch.force(true);
        }
    }

    /** Zeros to the end: space a crash allocated but never wrote, a torn write rather than damage. */
    private static boolean zeros(ByteBuffer buf, int from) {
        for (int i = from; i < buf.limit(); i++) {
            if (buf.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first offset after {@code from} where a whole, CRC-valid record starts, or -1. A byte-by-byte
     * scan: cheap for the short tails a crash leaves, slow only for megabytes of garbage.
     */
    private static int nextValidFrame(ByteBuffer buf, int from) {
        for (int q = from; q + RecordCodec.FRAME_HEADER_BYTES < buf.limit(); q++) {
            if (RecordCodec.check(buf, q) > 0 && RecordCodec.decode(buf, q) != null) {
                return q;
            }
        }
        return -1;
    }
}
