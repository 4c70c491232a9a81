package io.muxlab.harness.load;

/** Where the load client reads the time, so tests can drive it by hand. Nanoseconds, monotonic. */
@FunctionalInterface
public interface Clock {
    Clock SYSTEM = System::nanoTime;

    long nanoTime();
}
