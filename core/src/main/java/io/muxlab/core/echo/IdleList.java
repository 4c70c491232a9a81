package io.muxlab.core.echo;

/**
 * {@code --idle-timeout}: the open connections in order of their last moved byte, oldest first,
 * as an intrusive doubly linked list through {@link Connection} (Redis and nginx keep the same
 * order for the same job). Touching a connection moves it to the back, so finding the oldest and
 * updating one are both O(1) and no timer is kept per connection: the loop waits at most until the
 * oldest would expire. Loop thread only.
 */
final class IdleList {
    private final long timeoutNanos;
    private Connection oldest;
    private Connection newest;

    /** @param timeoutNanos how long a connection may move no byte; 0: never closed for idling */
    IdleList(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    boolean enabled() {
        return timeoutNanos > 0;
    }

    long timeoutNanos() {
        return timeoutNanos;
    }

    /** {@code c} moved bytes (or was just accepted) at {@code now}: it becomes the newest. */
    void touch(Connection c, long now) {
        if (!enabled()) {
            return;
        }
        remove(c);
        c.lastActive = now;
        c.idleOlder = newest;
        if (newest != null) {
            newest.idleNewer = c;
        } else {
            oldest = c;
        }
        newest = c;
        c.idleListed = true;
    }

    void remove(Connection c) {
        if (!c.idleListed) {
            return;
        }
        if (c.idleOlder != null) {
            c.idleOlder.idleNewer = c.idleNewer;
        } else {
            oldest = c.idleNewer;
        }
        if (c.idleNewer != null) {
            c.idleNewer.idleOlder = c.idleOlder;
        } else {
            newest = c.idleOlder;
        }
        c.idleOlder = null;
        c.idleNewer = null;
        c.idleListed = false;
    }

    /** The connection that has idled longest if it has idled past the timeout at {@code now}, else null. */
    Connection expired(long now) {
        return oldest != null && now - oldest.lastActive >= timeoutNanos ? oldest : null;
    }

    /** How long until the oldest connection expires: -1 (forever) if none or disabled, 0 if it has. */
    long nanosUntilNext(long now) {
        if (oldest == null) {
            return -1;
        }
        return Math.max(0, oldest.lastActive + timeoutNanos - now);
    }
}
