package io.muxlab.delay;

/**
 * What a handler is given: the task's id (stable across restarts, so a handler can use it to
 * detect a repeat), its handler name, its bytes, and which attempt this is (1 for the first).
 */
public record Task(long id, String name, byte[] payload, int attempt) {
}
