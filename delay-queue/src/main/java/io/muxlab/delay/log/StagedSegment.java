package io.muxlab.delay.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Records written aside, to join the log all at once or not at all: a segment under a temporary
 * name ({@code import-PID.tmp}) that {@link LogWriter#commit} fsyncs and renames to the next segment
 * number. Until then recovery does not read it, and the next writer to open deletes it, so a crash or
 * a failure midway leaves the queue as it was. Memory stays one buffer whatever the count.
 */
public final class StagedSegment implements AutoCloseable {
    private static final int BUFFER_BYTES = 1 << 20;

    private final Path file;
    private final FileChannel out;
    private final ByteBuffer buf = ByteBuffer.allocate(BUFFER_BYTES);
    private long bytes;
    private boolean finished;
    private boolean committed;

    StagedSegment(Path file) throws IOException {
        this.file = file;
        this.out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        RecordCodec.writeSegmentHeader(buf);
    }

    public void add(LogRecord r) throws IOException {
        int n = RecordCodec.frameBytes(r);
        if (buf.remaining() < n) {
            drain(buf);
        }
        if (buf.remaining() < n) {
            ByteBuffer big = ByteBuffer.allocate(n);
            RecordCodec.encode(r, big);
            drain(big);
        } else {
            RecordCodec.encode(r, buf);
        }
    }

    /** Writes and fsyncs what is buffered (once; {@link LogWriter#commit} does it if the owner did not); returns the size. */
    public long finish() throws IOException {
        if (!finished) {
            drain(buf);
            out.force(true);
            out.close();
            finished = true;
        }
        return bytes;
    }

    Path file() {
        return file;
    }

    void committed() {
        committed = true;
    }

    /** Deletes the file unless it was committed. */
    @Override
    public void close() throws IOException {
        out.close();
        if (!committed) {
            Files.deleteIfExists(file);
        }
    }

    private void drain(ByteBuffer b) throws IOException {
        b.flip();
        while (b.hasRemaining()) {
            bytes += out.write(b);
        }
        b.clear();
    }
}
