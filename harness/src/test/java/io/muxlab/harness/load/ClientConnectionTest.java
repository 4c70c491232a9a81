package io.muxlab.harness.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientConnectionTest {
    private static final int SIZE = 64;

    @Test
    void aFaithfulEchoCompletesEveryMessageEvenOneByteAtATime() throws IOException {
        try (LoopbackPair pair = new LoopbackPair()) {
            Tally tally = new Tally();
            tally.startMeasuring();
            ClientConnection c = connection(pair, 4, tally);
            for (int i = 0; i < 3; i++) {
                c.send(1000 + i);
            }
            ByteBuffer sent = readExactly(pair, 3 * SIZE);
            ByteBuffer scratch = ByteBuffer.allocateDirect(1024);
            int completed = 0;
            for (int i = 0; i < sent.limit(); i++) {
                pair.server.write(ByteBuffer.wrap(new byte[] {sent.get(i)}));
                completed += readAll(pair, c, scratch, 5000);
            }
            assertEquals(3, completed);
            assertEquals(3, tally.measuredMessages);
            assertEquals(3 * SIZE, tally.measuredBytes);
        }
    }

    @Test
    void aCorruptedPayloadByteFailsTheRunNamingTheByte() throws IOException {
        try (LoopbackPair pair = new LoopbackPair()) {
            ClientConnection c = connection(pair, 1, new Tally());
            c.send(42);
            ByteBuffer echo = readExactly(pair, SIZE);
            echo.put(40, (byte) (echo.get(40) ^ 0x01));
            pair.server.write(echo);
            LoadFailure e = assertThrows(LoadFailure.class, () -> readAll(pair, c, ByteBuffer.allocateDirect(1024), 5000));
            assertTrue(e.getMessage().contains("payload byte 40"), e.getMessage());
        }
    }

    @Test
    void aChangedTimestampFailsTheRun() throws IOException {
        try (LoopbackPair pair = new LoopbackPair()) {
            ClientConnection c = connection(pair, 1, new Tally());
            c.send(42);
            ByteBuffer echo = readExactly(pair, SIZE);
            echo.putLong(Wire.OFFSET_TIMESTAMP, 43);
            pair.server.write(echo);
            LoadFailure e = assertThrows(LoadFailure.class, () -> readAll(pair, c, ByteBuffer.allocateDirect(1024), 5000));
            assertTrue(e.getMessage().contains("timestamp 43"), e.getMessage());
        }
    }

    @Test
    void aServerThatClosesFailsTheRun() throws IOException {
        try (LoopbackPair pair = new LoopbackPair()) {
            ClientConnection c = connection(pair, 1, new Tally());
            c.send(1);
            pair.server.close();
            LoadFailure e = assertThrows(LoadFailure.class, () -> readAll(pair, c, ByteBuffer.allocateDirect(1024), 5000));
            assertTrue(e.getMessage().contains("connection 0") && e.getMessage().contains("0 of 1"), e.getMessage());
        }
    }

    /** Open loop with a hand-driven clock: late messages carry their intended time, and latency runs from it. */
    @Test
    void openLoopStampsIntendedTimesAndMeasuresLatencyFromThem() throws IOException {
        long ms = 1_000_000L;
        try (LoopbackPair pair = new LoopbackPair()) {
            Tally tally = new Tally();
            tally.startMeasuring();
            ClientConnection c = connection(pair, 16, tally);
            OpenLoopSchedule schedule = new OpenLoopSchedule(0, 1, 1000);

            // The client was held up until 5 ms: messages due at 0..5 ms all leave now.
            long next = Worker.sendDue(List.of(c), schedule, 5 * ms);
            assertEquals(6, c.sent());
            assertEquals(6 * ms, next);
            ByteBuffer sent = readExactly(pair, 6 * SIZE);
            for (int k = 0; k < 6; k++) {
                assertEquals(k * ms, sent.getLong(k * SIZE + Wire.OFFSET_TIMESTAMP), "stamp of message " + k);
            }

            // Echoes arrive at 10 ms: latencies are 10 ms - intended, 5..10 ms, not 5 ms each.
            pair.server.write(sent);
            int completed = 0;
            while (completed < 6) {
                completed += readAll(pair, c, ByteBuffer.allocateDirect(4096), 10 * ms);
            }
            assertEquals(6, tally.latency.getTotalCount());
            assertEquals(5 * ms, tally.latency.getMinValue(), 5 * ms / 1000.0);
            assertEquals(10 * ms, tally.latency.getMaxValue(), 10 * ms / 1000.0);
        }
    }

    @Test
    void openLoopStopsSendingWhenTooManyAreInFlightButKeepsTheSchedule() throws IOException {
        try (LoopbackPair pair = new LoopbackPair()) {
            ClientConnection c = connection(pair, 2, new Tally());
            OpenLoopSchedule schedule = new OpenLoopSchedule(0, 1, 1000);
            Worker.sendDue(List.of(c), schedule, 10_000_000L);
            assertEquals(2, c.sent());
            ByteBuffer sent = readExactly(pair, 2 * SIZE);
            pair.server.write(sent);
            int completed = 0;
            while (completed < 2) {
                completed += readAll(pair, c, ByteBuffer.allocateDirect(4096), 20_000_000L);
            }
            Worker.sendDue(List.of(c), schedule, 20_000_000L);
            ByteBuffer more = readExactly(pair, 2 * SIZE);
            assertEquals(2_000_000L, more.getLong(Wire.OFFSET_TIMESTAMP), "message 2 keeps its intended time");
        }
    }

    private static ClientConnection connection(LoopbackPair pair, int maxInFlight, Tally tally) {
        ClientConnection c = new ClientConnection(0, pair.client, SIZE, Wire.payloadTemplate(SIZE), maxInFlight, tally);
        c.attach(pair.key);
        return c;
    }

    /** Waits (bounded) until the client end is readable, then lets the connection read and check. */
    private static int readAll(LoopbackPair pair, ClientConnection c, ByteBuffer scratch, long now) throws IOException {
        if (pair.selector.select(5000) == 0) {
            throw new AssertionError("no echo arrived within 5 s");
        }
        pair.selector.selectedKeys().clear();
        return c.onReadable(scratch, now);
    }

    private static ByteBuffer readExactly(LoopbackPair pair, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (pair.server.read(b) < 0) {
                throw new AssertionError("the client closed early");
            }
        }
        return b.flip();
    }
}
