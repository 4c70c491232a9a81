package io.muxlab.harness.peers;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.ThreadFactory;

/**
 * Virtual threads (JDK 21+) reached from code that compiles for Java 17: {@code Thread.ofVirtual().factory()}
 * looked up once, through the public {@code Thread.Builder} interface, never through a JDK-internal
 * class. On a JVM older than 21 (or 19-20, where they were a preview), {@link #unavailable} says so
 * and {@link #factory} refuses with the same words.
 */
public final class VirtualThreads {
    /** The first Java release with virtual threads as a final feature. */
    public static final int MIN_FEATURE = 21;
    private static final Lookup LOOKUP = lookUp();

    /** What the lookup found: a factory, or why there is none (exactly one is null). */
    private record Lookup(ThreadFactory factory, String unavailable) {
    }

    private VirtualThreads() {
    }

    /** Why this JVM cannot run virtual threads, or null if it can. */
    public static String unavailable() {
        return LOOKUP.unavailable();
    }

    /** A factory of unstarted virtual threads. */
    static ThreadFactory factory() {
        if (LOOKUP.factory() == null) {
            throw new IllegalStateException(LOOKUP.unavailable());
        }
        return LOOKUP.factory();
    }

    private static Lookup lookUp() {
        int feature = Runtime.version().feature();
        if (feature < MIN_FEATURE) {
            return new Lookup(null, "virtual threads need Java " + MIN_FEATURE + "+; this JVM is "
                    + System.getProperty("java.version") + " (" + System.getProperty("java.home") + ")");
        }
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Object factory = Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
            return new Lookup((ThreadFactory) factory, null);
        } catch (InvocationTargetException e) {
            return new Lookup(null, "Java " + feature + " refused to make virtual threads: " + e.getCause());
        } catch (ReflectiveOperationException e) {
            return new Lookup(null, "Java " + feature + " has no Thread.ofVirtual(): " + e);
        }
    }
}
