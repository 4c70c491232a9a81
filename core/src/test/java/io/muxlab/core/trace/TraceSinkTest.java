package io.muxlab.core.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A trace reader that stalls costs lines, counted, never the caller: proved with an output stream
 * that blocks until the test lets it go, so nothing here depends on how fast anything runs.
 */
class TraceSinkTest {
    private static final int CAPACITY = 100;
    private static final int LINES = 1_000;
    private static final Pattern MARKER = Pattern.compile("trace: (\\d+) line\\(s\\) dropped here: standard output fell behind");

    /** Blocks every write until {@link #release}, like a pipe whose reader stopped reading. */
    private static final class StalledStream extends OutputStream {
        private final CountDownLatch released = new CountDownLatch(1);
        private final ByteArrayOutputStream written = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            await();
            written.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            await();
            written.write(b, off, len);
        }

        private void await() {
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void release() {
            released.countDown();
        }

        synchronized List<String> lines() {
            return List.of(written.toString(StandardCharsets.UTF_8).split("\n"));
        }
    }

    @Test
    void aStalledReaderNeverBlocksTheCallerAndTheDroppedLinesAreCountedWhereTheyAreMissing() throws Exception {
        StalledStream stream = new StalledStream();
        TraceSink sink = new TraceSink(new PrintStream(stream, false, StandardCharsets.UTF_8), CAPACITY);
        for (int i = 0; i < LINES; i++) {
            sink.line("line " + i); // would hang here if line() waited for the reader
        }
        // The writer holds at most one line, blocked in write; the queue holds CAPACITY.
        long dropped = sink.dropped();
        assertTrue(dropped >= LINES - CAPACITY - 1 && dropped <= LINES - CAPACITY, dropped + " dropped");

        assertFalse(sink.close(100), "close is bounded while the reader is stalled");
        stream.release();
        assertTrue(sink.close(30_000), "drained once the reader is back");

        List<String> lines = stream.lines();
        List<String> kept = lines.stream().filter(l -> !l.startsWith("trace: ")).toList();
        assertEquals(LINES - dropped, kept.size(), "every line not dropped was written: " + lines);
        for (int i = 0; i < kept.size(); i++) {
            assertEquals("line " + i, kept.get(i), "in order, none lost once it was queued");
        }
        long owned = 0;
        for (String l : lines) {
            Matcher m = MARKER.matcher(l);
            if (m.matches()) {
                owned += Long.parseLong(m.group(1));
            } else {
                assertFalse(l.startsWith("trace: "), l);
            }
        }
        assertEquals(dropped, owned, "the markers, where lines are missing, own up to every dropped line: " + lines);
        assertTrue(MARKER.matcher(lines.get(lines.size() - 1)).matches(), "the last drops are owned up to at the end");
    }

    @Test
    void aReaderThatKeepsUpLosesNothing() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TraceSink sink = new TraceSink(new PrintStream(bytes, true, StandardCharsets.UTF_8), LINES);
        for (int i = 0; i < LINES; i++) {
            sink.line("line " + i);
        }
        assertTrue(sink.close(30_000));
        assertEquals(0, sink.dropped());
        List<String> lines = List.of(bytes.toString(StandardCharsets.UTF_8).split("\n"));
        assertEquals(LINES, lines.size());
        assertEquals("line " + (LINES - 1), lines.get(LINES - 1));
    }
}
