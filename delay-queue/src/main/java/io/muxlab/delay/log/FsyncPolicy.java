package io.muxlab.delay.log;

/** When an append is forced to disk before the caller is told it is durable. */
public enum FsyncPolicy {
    /** Each append (or each batch one caller appends) is followed by its own fsync. Survives power loss. */
    ALWAYS,
    /**
     * Group commit: callers queue their appends and park; one thread writes and fsyncs everything that
     * queued while its previous fsync ran, and releases everyone it covered. Survives power loss; one
     * fsync is shared by all enqueuers in the window.
     */
    BATCH,
    /** Written to the kernel (survives kill -9 of the process) but never fsynced (not a power loss). */
    NEVER
}
