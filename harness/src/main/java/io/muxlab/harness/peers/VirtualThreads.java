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
    private static final Object FACTORY_OR_REASON = lookUp();

    private VirtualThreads() {
    }

    /** Why this JVM cannot run virtual threads, or null if it can. */
    public static String unavailable() {
        return FACTORY_OR_REASON instanceof String reason ? reason : null;
    }

    /** A factory of unstarted virtual threads. */
    static ThreadFactory factory() {
        if (FACTORY_OR_REASON instanceof ThreadFactory f) {
            return f;
        }
        throw new IllegalStateException((String) FACTORY_OR_REASON);
    }

    private static Object lookUp() {
        int feature = Runtime.version().feature();
        if (feature < MIN_FEATURE) {
            return "virtual threads need Java " + MIN_FEATURE + "+; this JVM is " + System.getProperty("java.version")
                    + " (" + System.getProperty("java.home") + ")";
        }
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            return Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
        } catch (InvocationTargetException e) {
            return "Java " + feature + " refused to make virtual threads: " + e.getCause();
        } catch (ReflectiveOperationException e) {
            return "Java " + feature + " has no Thread.ofVirtual(): " + e;
        }
    }
}
