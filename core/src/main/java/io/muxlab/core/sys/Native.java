package io.muxlab.core.sys;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Platform;
import jnr.ffi.Runtime;

/**
 * Loads libc once, on first use (class initialisation is lazy and thread-safe), and reads the
 * errno that jnr-ffi saved for the calling thread after the last failing call.
 */
final class Native {
    static final LibC LIBC = LibraryLoader.create(LibC.class)
            .load(Platform.getNativePlatform().getStandardCLibraryName());
    static final Runtime RUNTIME = Runtime.getRuntime(LIBC);

    private Native() {
    }

    /** errno of this thread's last failed call; read it before making another call. */
    static int errno() {
        return RUNTIME.getLastError();
    }
}
