package io.muxlab.delay.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.HashMap;
import java.util.Map;
import jnr.constants.platform.Errno;

/**
 * Turns an I/O failure into words a user can act on, with the errno's symbolic name: the JDK says
 * "No space left on device" (strerror's text) and, for a refused open, only the path. We add
 * "ENOSPC", or "permission denied (EACCES)", so the message matches what {@code man 2 write} lists.
 */
public final class IoErrors {
    /** strerror text to errno name, from the platform table jnr-constants carries. */
    private static final Map<String, String> NAMES = new HashMap<>();

    static {
        for (Errno e : Errno.values()) {
            if (e.defined()) {
                NAMES.putIfAbsent(e.description(), e.name());
            }
        }
    }

    private IoErrors() {
    }

    /** {@code "No space left on device (ENOSPC)"}, {@code "permission denied (EACCES): /some/path"}. */
    public static String describe(Throwable e) {
        if (e instanceof UncheckedIOException u) {
            String outer = u.getMessage();
            String inner = describe(u.getCause());
            return outer == null || outer.equals(u.getCause().toString()) ? inner : outer + ": " + inner;
        }
        if (e instanceof AccessDeniedException a) {
            return "permission denied (EACCES): " + a.getFile();
        }
        if (e instanceof NoSuchFileException n) {
            return "no such file or directory (ENOENT): " + n.getFile();
        }
        if (e instanceof FileAlreadyExistsException f) {
            return "file exists (EEXIST): " + f.getFile();
        }
        if (e instanceof NotDirectoryException n) {
            return "not a directory (ENOTDIR): " + n.getFile();
        }
        if (e instanceof DirectoryNotEmptyException d) {
            return "directory not empty (ENOTEMPTY): " + d.getFile();
        }
        if (e instanceof FileSystemException f) {
            return named(f.getReason()) + ": " + f.getFile();
        }
        if (e instanceof IOException) {
            return named(e.getMessage());
        }
        return String.valueOf(e);
    }

    private static String named(String text) {
        if (text == null) {
            return "I/O error";
        }
        String name = NAMES.get(text);
        return name == null ? text : text + " (" + name + ")";
    }
}
