package io.muxlab.harness.delay;

import io.muxlab.delay.log.FsyncPolicy;

/**
 * What the delay-queue section measures: our queue under each fsync policy, and the two in-memory
 * queues a Java user would reach for instead. The references keep nothing on disk, so they bound
 * from above what any durable queue can do; they are not contenders for the same job.
 */
enum DelayServer {
    ALWAYS(FsyncPolicy.ALWAYS, "always"),
    BATCH(FsyncPolicy.BATCH, "batch"),
    NEVER(FsyncPolicy.NEVER, "never"),
    JDK_DELAY_QUEUE(null, "j.u.c.DelayQueue"),
    SCHEDULED_EXECUTOR(null, "ScheduledThreadPoolExecutor");

    /** Our queue's fsync policy; null for an in-memory reference. */
    private final FsyncPolicy policy;
    private final String label;

    DelayServer(FsyncPolicy policy, String label) {
        this.policy = policy;
        this.label = label;
    }

    /** The row's {@code server}, and what the child's {@code --server} takes. */
    String label() {
        return label;
    }

    boolean ours() {
        return policy != null;
    }

    FsyncPolicy policy() {
        if (policy == null) {
            throw new IllegalStateException(label + " is an in-memory reference, it has no fsync policy");
        }
        return policy;
    }

    /** {@code ours} or {@code reference}, as results.json's {@code kind}. */
    String kind() {
        return ours() ? "ours" : "reference";
    }

    static DelayServer byLabel(String label) {
        for (DelayServer s : values()) {
            if (s.label.equalsIgnoreCase(label)) {
                return s;
            }
        }
        StringBuilder known = new StringBuilder();
        for (DelayServer s : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(s.label);
        }
        throw new IllegalArgumentException("unknown server '" + label + "'; known: " + known);
    }
}
