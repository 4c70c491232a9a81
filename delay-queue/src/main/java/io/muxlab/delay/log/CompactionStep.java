package io.muxlab.delay.log;

/**
 * The points of a compaction a crash can fall between, in order. A {@link CompactionProbe} sees
 * each one; {@link SegmentLog#compact} is written so that stopping dead at any of them loses nothing.
 */
public enum CompactionStep {
    /** The new base file is written (not yet synced) under its temporary name. */
    TEMP_WRITTEN,
    /** The temporary file is on disk. */
    TEMP_SYNCED,
    /** The temporary file has its final name: from here on recovery uses it. */
    RENAMED,
    /** The first old file is deleted; others may remain. */
    FIRST_DELETED,
    /** Every file the base replaces is gone. */
    FINISHED
}
