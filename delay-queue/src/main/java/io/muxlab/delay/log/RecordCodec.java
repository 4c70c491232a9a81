package io.muxlab.delay.log;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The byte layout of the log (all integers big-endian):
 * <pre>
 *   segment header:  "MXDQ" (4 bytes) | version = 1 (int32)
 *   record frame:    body length N (int32) | CRC32C of body (int32) | body (N bytes)
 *   body:            kind (1) | task id (int64) | kind-specific fields:
 *     ADD      1     due millis (int64) | attempts (int32) | name length (int16) | name (UTF-8) | payload (rest)
 *     DONE     2     -
 *     CANCEL   3     -
 *     RETRY    4     attempts (int32) | due millis (int64)
 *     DEAD     5     attempts (int32)
 *     REQUEUE  6     due millis (int64)
 *     ID_FLOOR 7     - (the id field holds the next id to hand out)
 * </pre>
 * A frame is valid when its length is in range and the CRC matches; anything else is a torn write or
 * corruption, which {@link LogRecovery} tells apart by whether a valid frame follows.
 */
public final class RecordCodec {
    public static final int MAGIC = 0x4D584451; // "MXDQ"
    public static final int VERSION = 1;
    public static final int SEGMENT_HEADER_BYTES = 8;
    public static final int FRAME_HEADER_BYTES = 8;
    /** The largest body accepted; larger lengths can only be garbage. */
    public static final int MAX_BODY_BYTES = 16 << 20;
    /** Body bytes of an ADD before its name and payload. */
    static final int ADD_FIXED_BYTES = 1 + 8 + 8 + 4 + 2;

    private RecordCodec() {
    }

    /** The whole frame size of an ADD record, so the queue can count live log bytes without encoding. */
    public static int addFrameBytes(int nameBytes, int payloadBytes) {
        return FRAME_HEADER_BYTES + ADD_FIXED_BYTES + nameBytes + payloadBytes;
    }

    /** The largest payload an ADD with this name can carry. */
    public static int maxPayloadBytes(int nameBytes) {
        return MAX_BODY_BYTES - ADD_FIXED_BYTES - nameBytes;
    }

    public static int frameBytes(LogRecord r) {
        return FRAME_HEADER_BYTES + bodyBytes(r);
    }

    /** Writes one whole frame at the buffer's position. */
    public static void encode(LogRecord r, ByteBuffer out) {
        int start = out.position();
        int body = bodyBytes(r);
        out.putInt(body);
        out.putInt(0);
        int bodyStart = out.position();
        out.put(r.kind().code);
        out.putLong(r.id());
        switch (r.kind()) {
            case ADD -> {
                byte[] name = r.name().getBytes(StandardCharsets.UTF_8);
                out.putLong(r.dueMillis());
                out.putInt(r.attempts());
                out.putShort((short) name.length);
                out.put(name);
                out.put(r.payload());
            }
            case RETRY -> {
                out.putInt(r.attempts());
                out.putLong(r.dueMillis());
            }
            case DEAD -> out.putInt(r.attempts());
            case REQUEUE -> out.putLong(r.dueMillis());
            case DONE, CANCEL, ID_FLOOR -> {
            }
        }
        CRC32C crc = new CRC32C();
        crc.update(out.duplicate().position(bodyStart).limit(bodyStart + body));
        out.putInt(start + 4, (int) crc.getValue());
    }

    public static byte[] encode(LogRecord r) {
        ByteBuffer b = ByteBuffer.allocate(frameBytes(r));
        encode(r, b);
        return b.array();
    }

    public static void writeSegmentHeader(ByteBuffer out) {
        out.putInt(MAGIC);
        out.putInt(VERSION);
    }

    /**
     * Checks the frame at {@code offset}: returns its total size if it is whole and its CRC matches,
     * or a negative {@link #TORN}/{@link #BAD} code.
     */
    public static int check(ByteBuffer in, int offset) {
        int left = in.limit() - offset;
        if (left < FRAME_HEADER_BYTES) {
            return TORN;
        }
        int body = in.getInt(offset);
        if (body < 9 || body > MAX_BODY_BYTES) {
            return BAD;
        }
        if (left - FRAME_HEADER_BYTES < body) {
            return TORN;
        }
        CRC32C crc = new CRC32C();
        crc.update(in.duplicate().position(offset + FRAME_HEADER_BYTES).limit(offset + FRAME_HEADER_BYTES + body));
        if ((int) crc.getValue() != in.getInt(offset + 4)) {
            return BAD;
        }
        return FRAME_HEADER_BYTES + body;
    }

    /** The frame ends past the end of the data (a write that did not finish). */
    public static final int TORN = -1;
    /** The frame's length is impossible or its CRC does not match. */
    public static final int BAD = -2;

    /** Decodes a frame that {@link #check} accepted; null for an unknown kind or a malformed body. */
    public static LogRecord decode(ByteBuffer in, int offset) {
        int body = in.getInt(offset);
        int p = offset + FRAME_HEADER_BYTES;
        int end = p + body;
        LogRecord.Kind kind = LogRecord.Kind.of(in.get(p));
        long id = in.getLong(p + 1);
        p += 9;
        if (kind == null) {
            return null;
        }
        switch (kind) {
            case ADD -> {
                if (end - p < ADD_FIXED_BYTES - 9) {
                    return null;
                }
                long due = in.getLong(p);
                int attempts = in.getInt(p + 8);
                int nameLen = in.getShort(p + 12) & 0xFFFF;
                p += 14;
                if (end - p < nameLen) {
                    return null;
                }
                byte[] name = new byte[nameLen];
                in.get(p, name);
                p += nameLen;
                byte[] payload = new byte[end - p];
                in.get(p, payload);
                return LogRecord.add(id, due, attempts, new String(name, StandardCharsets.UTF_8), payload);
            }
            case RETRY -> {
                return end - p < 12 ? null : LogRecord.retry(id, in.getInt(p), in.getLong(p + 4));
            }
            case DEAD -> {
                return end - p < 4 ? null : LogRecord.dead(id, in.getInt(p));
            }
            case REQUEUE -> {
                return end - p < 8 ? null : LogRecord.requeue(id, in.getLong(p));
            }
            case DONE -> {
                return LogRecord.done(id);
            }
            case CANCEL -> {
                return LogRecord.cancel(id);
            }
            default -> {
                return LogRecord.idFloor(id);
            }
        }
    }

    private static int bodyBytes(LogRecord r) {
        return switch (r.kind()) {
            case ADD -> ADD_FIXED_BYTES + r.name().getBytes(StandardCharsets.UTF_8).length + r.payload().length;
            case RETRY -> 9 + 12;
            case DEAD -> 9 + 4;
            case REQUEUE -> 9 + 8;
            case DONE, CANCEL, ID_FLOOR -> 9;
        };
    }
}
