package io.muxlab.harness.load;

import java.nio.ByteBuffer;

/**
 * The load client's message framing. Echo servers are byte-transparent, so the framing is the
 * client's alone: a 20-byte header (big-endian) then a payload of a fixed pattern.
 *
 * <pre>
 *   offset 0  int  length of the whole message, header included
 *   offset 4  int  connection id
 *   offset 8  int  sequence number on that connection
 *   offset 12 long send timestamp (ns, the client's clock; the intended send time in open loop)
 *   offset 20 payload: byte i is {@link #patternByte}(i)
 * </pre>
 *
 * Every field and every payload byte of an echo is checked against what was sent, so a server
 * that drops, duplicates, reorders or corrupts a byte fails the run.
 */
public final class Wire {
    public static final int HEADER_BYTES = 20;
    static final int OFFSET_LENGTH = 0;
    static final int OFFSET_CONNECTION = 4;
    static final int OFFSET_SEQUENCE = 8;
    static final int OFFSET_TIMESTAMP = 12;

    private Wire() {
    }

    /** Payload byte {@code i}: not periodic in 256, so a shifted or repeated chunk shows. */
    static byte patternByte(int i) {
        return (byte) (i * 31 + (i >>> 8) * 7 + 0x5a);
    }

    /** A direct buffer holding the payload pattern for messages up to {@code maxMessageBytes}. */
    static ByteBuffer payloadTemplate(int maxMessageBytes) {
        int n = Math.max(1, maxMessageBytes - HEADER_BYTES);
        ByteBuffer b = ByteBuffer.allocateDirect(n);
        for (int i = 0; i < n; i++) {
            b.put(i, patternByte(i));
        }
        return b;
    }

    static void putHeader(ByteBuffer header, int length, int connection, int sequence, long timestamp) {
        header.clear();
        header.putInt(OFFSET_LENGTH, length);
        header.putInt(OFFSET_CONNECTION, connection);
        header.putInt(OFFSET_SEQUENCE, sequence);
        header.putLong(OFFSET_TIMESTAMP, timestamp);
    }
}
