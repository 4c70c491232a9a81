package io.muxlab.delay.log;

/**
 * One entry of the queue's log. Which fields mean something depends on the kind; the others are 0
 * or null. The byte layout is in {@link RecordCodec}.
 *
 * @param kind what happened to the task
 * @param id the task id (for {@link Kind#ID_FLOOR}: the lowest id the queue may hand out next)
 * @param dueMillis when the task is due, epoch milliseconds (ADD, RETRY, REQUEUE)
 * @param attempts failed attempts so far (ADD, RETRY, DEAD)
 * @param name handler name (ADD)
 * @param payload the task's bytes (ADD)
 */
public record LogRecord(Kind kind, long id, long dueMillis, int attempts, String name, byte[] payload) {

    /** The record kinds; the code is the first byte of a record body and must never change. */
    public enum Kind {
        ADD(1), DONE(2), CANCEL(3), RETRY(4), DEAD(5), REQUEUE(6), ID_FLOOR(7);

        final byte code;

        Kind(int code) {
            this.code = (byte) code;
        }

        static Kind of(byte code) {
            for (Kind k : values()) {
                if (k.code == code) {
                    return k;
                }
            }
            return null;
        }
    }

    public static LogRecord add(long id, long dueMillis, int attempts, String name, byte[] payload) {
        return new LogRecord(Kind.ADD, id, dueMillis, attempts, name, payload);
    }

    public static LogRecord done(long id) {
        return new LogRecord(Kind.DONE, id, 0, 0, null, null);
    }

    public static LogRecord cancel(long id) {
        return new LogRecord(Kind.CANCEL, id, 0, 0, null, null);
    }

    public static LogRecord retry(long id, int attempts, long dueMillis) {
        return new LogRecord(Kind.RETRY, id, dueMillis, attempts, null, null);
    }

    public static LogRecord dead(long id, int attempts) {
        return new LogRecord(Kind.DEAD, id, 0, attempts, null, null);
    }

    public static LogRecord requeue(long id, long dueMillis) {
        return new LogRecord(Kind.REQUEUE, id, dueMillis, 0, null, null);
    }

    public static LogRecord idFloor(long nextId) {
        return new LogRecord(Kind.ID_FLOOR, nextId, 0, 0, null, null);
    }
}
