package io.muxlab.harness.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One active connection of the load client: sends framed messages and checks every byte of the
 * echo as it streams in, however the kernel splits it.
 *
 * <p>Allocation-free after construction: the header buffers are allocated once, the payload is a
 * view of the worker's shared template, timestamps of messages in flight sit in a ring of longs,
 * and payload bytes are compared against the template with {@link ByteBuffer#mismatch} (vectorised
 * in the JDK) instead of a byte loop. One thread (the worker's) uses a connection.
 */
final class ClientConnection {
    private final int id;
    private final SocketChannel channel;
    private final int messageBytes;
    private final Tally tally;
    private SelectionKey key;

    // sending: one message at a time is being written; a partial write waits for OP_WRITE
    private final ByteBuffer txHeader = ByteBuffer.allocateDirect(Wire.HEADER_BYTES);
    private final ByteBuffer txPayload;
    private final ByteBuffer[] tx;
    private boolean writing;
    private int sent;

    // in flight: send timestamps, oldest at head; the echo of the oldest is the next to arrive
    private final long[] inFlight;
    private int head;
    private int count;

    // receiving: offset into the message being received, its header as it accumulates
    private final ByteBuffer template;
    private final ByteBuffer rxHeader = ByteBuffer.allocate(Wire.HEADER_BYTES);
    private int rxOffset;
    private int received;

    /** Messages the closed loop still owes this connection; the worker's bookkeeping. */
    int owed;

    /**
     * @param template the worker's payload pattern, at least {@code messageBytes - HEADER_BYTES} long
     * @param maxInFlight messages sent and not yet echoed, at most
     */
    ClientConnection(int id, SocketChannel channel, int messageBytes, ByteBuffer template, int maxInFlight, Tally tally) {
        if (messageBytes < Wire.HEADER_BYTES + 1) {
            throw new IllegalArgumentException("a message needs at least " + (Wire.HEADER_BYTES + 1) + " bytes, not " + messageBytes);
        }
        this.id = id;
        this.channel = channel;
        this.messageBytes = messageBytes;
        this.template = template;
        this.tally = tally;
        this.txPayload = template.duplicate().clear().limit(messageBytes - Wire.HEADER_BYTES);
        this.tx = new ByteBuffer[] {txHeader, txPayload};
        this.inFlight = new long[maxInFlight];
    }

    void attach(SelectionKey selectionKey) {
        this.key = selectionKey;
    }

    int id() {
        return id;
    }

    SocketChannel channel() {
        return channel;
    }

    /** Messages sent so far (the sequence number of the next one). */
    int sent() {
        return sent;
    }

    /** True when a new message may start: none half-written, and room in flight. */
    boolean canSend() {
        return !writing && count < inFlight.length;
    }

    /** Starts message number {@link #sent()} stamped {@code timestamp} and writes what the socket takes. */
    void send(long timestamp) throws IOException {
        Wire.putHeader(txHeader, messageBytes, id, sent, timestamp);
        txPayload.position(0);
        inFlight[(head + count) % inFlight.length] = timestamp;
        count++;
        sent++;
        writing = true;
        onWritable();
    }

    /** Continues a partial write; asks for OP_WRITE while bytes remain. */
    void onWritable() throws IOException {
        if (!writing) {
            return;
        }
        channel.write(tx);
        boolean done = !txPayload.hasRemaining();
        if (done) {
            writing = false;
        }
        int ops = done ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE;
        if (key != null && key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    /**
     * Reads what is there (into {@code scratch}) and checks it.
     *
     * @return echoes completed by this read
     * @throws LoadFailure if the echo differs from what was sent, or the server closed the connection
     */
    int onReadable(ByteBuffer scratch, long now) throws IOException {
        scratch.clear();
        int n;
        try {
            n = channel.read(scratch);
        } catch (IOException e) {
            throw new LoadFailure("connection " + id + ": reading the echo failed after " + received + " of " + sent
                    + " messages: " + e.getMessage());
        }
        if (n < 0) {
            throw new LoadFailure("connection " + id + ": the server closed it after echoing " + received
                    + " of " + sent + " messages");
        }
        scratch.flip();
        int completed = 0;
        while (scratch.hasRemaining()) {
            if (rxOffset < Wire.HEADER_BYTES) {
                int take = Math.min(Wire.HEADER_BYTES - rxOffset, scratch.remaining());
                int end = scratch.position() + take;
                while (scratch.position() < end) {
                    rxHeader.put(scratch.get());
                }
                rxOffset += take;
                if (rxOffset == Wire.HEADER_BYTES) {
                    checkHeader();
                }
            } else {
                int take = Math.min(messageBytes - rxOffset, scratch.remaining());
                checkPayload(scratch, rxOffset - Wire.HEADER_BYTES, take);
                rxOffset += take;
            }
            if (rxOffset == messageBytes) {
                long timestamp = inFlight[head];
                head = (head + 1) % inFlight.length;
                count--;
                received++;
                rxOffset = 0;
                rxHeader.clear();
                tally.complete(now - timestamp, messageBytes);
                completed++;
            }
        }
        return completed;
    }

    private void checkHeader() {
        if (count == 0) {
            throw corrupt("an echo arrived for a message never sent");
        }
        int length = rxHeader.getInt(Wire.OFFSET_LENGTH);
        int conn = rxHeader.getInt(Wire.OFFSET_CONNECTION);
        int seq = rxHeader.getInt(Wire.OFFSET_SEQUENCE);
        long ts = rxHeader.getLong(Wire.OFFSET_TIMESTAMP);
        if (length != messageBytes || conn != id || seq != received || ts != inFlight[head]) {
            throw corrupt("header says length " + length + ", connection " + conn + ", sequence " + seq
                    + ", timestamp " + ts + "; expected " + messageBytes + ", " + id + ", " + received + ", " + inFlight[head]);
        }
    }

    /** Compares {@code n} bytes at the scratch position with the template at {@code offset}; advances scratch. */
    private void checkPayload(ByteBuffer scratch, int offset, int n) {
        int start = scratch.position();
        int limit = scratch.limit();
        scratch.limit(start + n);
        template.limit(offset + n).position(offset);
        int at = scratch.mismatch(template);
        template.clear();
        scratch.limit(limit);
        if (at >= 0) {
            int i = offset + at;
            throw corrupt("payload byte " + (Wire.HEADER_BYTES + i) + " is 0x"
                    + Integer.toHexString(scratch.get(start + at) & 0xff) + ", expected 0x"
                    + Integer.toHexString(Wire.patternByte(i) & 0xff));
        }
        scratch.position(start + n);
    }

    private LoadFailure corrupt(String what) {
        return new LoadFailure("connection " + id + ", message " + received + ": the echo differs from what was sent: " + what);
    }
}
