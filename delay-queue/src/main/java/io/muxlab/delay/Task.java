package io.muxlab.delay;

/**
 * What a handler is given: the task's id (stable across restarts, so a handler can use it to
 * detect a repeat), its handler name, its bytes, which attempt this is (1 for the first), and the
 * wall-clock millisecond it was due at (a retry's: its backoff's end), so a handler can tell how
 * late it runs without keeping the due time itself.
 */
public record Task(long id, String name, byte[] payload, int attempt, long dueMillis) {
}
