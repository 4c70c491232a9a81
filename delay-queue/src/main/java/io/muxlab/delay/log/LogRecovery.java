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
 * Replays a queue directory on open: finishes or undoes an interrupted compaction, then reads the
 * newest base and every later segment in order, handing each record to a sink.
 *
 * <p>Damage is handled by where it is. In the last file, a damaged record with nothing valid after
 * it is a write the crash cut short: the file is truncated there with a warning naming the file and
 * offset, and every record before it is kept. A damaged record followed by a valid one, or in any
 * file but the last, is not a torn write: opening fails with a {@link CorruptLogException} naming
 * the file and offset, because skipping it would silently drop or reorder what follows. The operator
 * decides (restore the file, or move the damaged file aside and accept the loss).
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

    public static Result recover(Path dir, Sink sink, Consumer<String> warnings) throws IOException {
        for (Path temp : LogFiles.temps(dir)) {
            warnings.accept("removing unfinished compaction file " + temp.getFileName());
            Files.delete(temp);
        }
        List<Long> bases = LogFiles.bases(dir);
        long base = bases.isEmpty() ? 0 : bases.get(bases.size() - 1);
        boolean cleaned = false;
        for (long older : bases.subList(0, Math.max(0, bases.size() - 1))) {
            Files.delete(LogFiles.base(dir, older));
            cleaned = true;
        }
        List<Long> segments = new ArrayList<>();
        for (long n : LogFiles.segments(dir)) {
            if (n <= base) {
                // Left behind by a compaction that stopped after its rename: the base replaces it.
                Files.delete(LogFiles.segment(dir, n));
                cleaned = true;
            } else {
                segments.add(n);
            }
        }
        if (cleaned) {
            warnings.accept("finished an interrupted compaction: files replaced by base " + base + " deleted");
            LogFiles.syncDirectory(dir);
        }

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
            long[] counts = replay(files.get(i), last, sink, warnings);
            bytes += counts[0];
            records += counts[1];
            lastSize = counts[0];
        }
        return new Result(base, segments, segments.isEmpty() ? 0 : lastSize, bytes, records);
    }

    /** Replays one file; returns {valid bytes, records}. */
    private static long[] replay(Path file, boolean last, Sink sink, Consumer<String> warnings) throws IOException {
        String name = file.getFileName().toString();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new CorruptLogException(name + ": " + size + " bytes is larger than any segment this queue writes");
            }
            if (size < RecordCodec.SEGMENT_HEADER_BYTES) {
                if (!last) {
                    throw new CorruptLogException(name + ": only " + size + " bytes, no header, and later files exist; "
                            + "refusing to open (move the file aside to accept losing it)");
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
                    warnings.accept(name + ": torn tail at offset " + offset + " (" + (size - offset) + " bytes, "
                            + what + ") truncated; the " + records + " records before it are kept");
                    ch.truncate(offset);
                    ch.force(true);
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
