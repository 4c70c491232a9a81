package io.muxlab.delay.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * One writer owns a queue directory: an advisory lock ({@code fcntl} through
 * {@link FileChannel#tryLock}) on the file {@code lock}, which holds the owner's pid and a random
 * token. The kernel drops the lock when the owner dies, even by {@code kill -9}.
 *
 * <p>A lock on a file is a lock on an inode, and a path can be made to name another one: {@code rm
 * lock} under a running owner used to let the next opener create a fresh file and lock that. So
 * openers never create the lock file (only creating the queue does, see {@link #create}), and a new
 * owner, once it holds the lock, reads the file back through its path and insists on its own token:
 * otherwise the inode it locked is no longer the one the path names, and it starts over. The owner
 * puts the file back if it was deleted or emptied ({@link #heal}, from the ticker, and on close), each
 * time as a new file that it locks before it renames it into place, so no moment offers an unlocked
 * lock file. Readers ({@code list}, {@code stats}) take a shared lock: they exclude writers, not each other.
 */
public final class DirectoryLock implements AutoCloseable {
    static final String NAME = "lock";
    private static final int ATTEMPTS = 3;

    private final Path dir;
    private final byte[] content;
    /** Every file this owner has locked: the first, and one per heal. Released on close. */
    private final List<FileLock> locks = new ArrayList<>();

    private DirectoryLock(Path dir, byte[] content, FileLock first) {
        this.dir = dir;
        this.content = content;
        this.locks.add(first);
    }

    /** Takes the exclusive lock of an existing queue, or throws {@link QueueLockedException} saying who has it. */
    public static DirectoryLock acquire(Path dir) throws IOException {
        byte[] content = content();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            FileChannel ch = openExisting(dir, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock held = tryLock(ch, false, dir);
            try {
                ch.truncate(0);
                write(ch, content);
                if (Arrays.equals(content, readPath(dir))) {
                    return new DirectoryLock(dir, content, held);
                }
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
            // Locked an inode the path no longer names (it was replaced meanwhile): try the new one.
            ch.close();
        }
        throw new QueueLockedException("queue directory " + dir + ": its lock file keeps being replaced; is another process "
                + "deleting " + dir.resolve(NAME) + "?");
    }

    /** A shared lock for reading: fails while a writer holds the queue. */
    public static DirectoryLock acquireShared(Path dir) throws IOException {
        FileChannel ch = openExisting(dir, StandardOpenOption.READ);
        return new DirectoryLock(dir, null, tryLock(ch, true, dir));
    }

    /**
     * Creates the lock file of a new queue, locked: written under a temporary name, locked, then
     * linked to {@code lock}, which fails if it exists. Returns null if another creator got there first.
     */
    static DirectoryLock create(Path dir) throws IOException {
        byte[] content = content();
        FileLock held = lockedTemp(dir, content);
        Path temp = tempName(dir);
        try {
            Files.createLink(dir.resolve(NAME), temp);
        } catch (FileAlreadyExistsException e) {
            held.channel().close();
            Files.delete(temp);
            return null;
        } catch (IOException | RuntimeException e) {
            held.channel().close();
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.delete(temp);
        LogFiles.syncDirectory(dir);
        return new DirectoryLock(dir, content, held);
    }

    /** Whether a name in a queue directory is a temporary file of this class (left by a crash if it is still there). */
    static boolean isTemp(String name) {
        return name.matches("lock-\\d+\\.new");
    }

    /**
     * Puts the lock file back if it was deleted, emptied or replaced. A writer's duty, called once a
     * second by the ticker; returns whether it had to.
     */
    public boolean heal() throws IOException {
        if (content == null || Arrays.equals(content, readPath(dir))) {
            return false;
        }
        FileLock held = lockedTemp(dir, content);
        locks.add(held);
        Files.move(tempName(dir), dir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        LogFiles.syncDirectory(dir);
        return true;
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        try {
            heal();
        } catch (IOException e) {
            failure = e;
        }
        for (FileLock l : locks) {
            try {
                l.release();
                l.channel().close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static FileLock lockedTemp(Path dir, byte[] content) throws IOException {
        Path temp = tempName(dir);
        FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            FileLock held = ch.tryLock();
            if (held == null) {
                throw new IOException("cannot lock the new file " + temp);
            }
            write(ch, content);
            return held;
        } catch (IOException | RuntimeException e) {
            ch.close();
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    private static Path tempName(Path dir) {
        return dir.resolve("lock-" + ProcessHandle.current().pid() + ".new");
    }

    private static FileChannel openExisting(Path dir, StandardOpenOption... mode) throws IOException {
        try {
            return FileChannel.open(dir.resolve(NAME), mode);
        } catch (NoSuchFileException e) {
            throw new QueueLockedException("queue directory " + dir + " has no lock file: a process may still own the queue "
                    + "through the deleted file. If none does (see 'fuser " + dir + "/*.log'), restore it with 'touch "
                    + dir.resolve(NAME) + "'");
        }
    }

    private static FileLock tryLock(FileChannel ch, boolean shared, Path dir) throws IOException {
        FileLock held;
        try {
            held = ch.tryLock(0, Long.MAX_VALUE, shared);
        } catch (OverlappingFileLockException e) {
            held = null;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (held == null) {
            String owner = owner(ch);
            ch.close();
            throw new QueueLockedException("queue directory " + dir + " is in use by " + owner);
        }
        return held;
    }

    private static String owner(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(64);
        ch.read(buf, 0);
        String text = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
        String pid = text.isEmpty() ? "" : text.split(" ")[0];
        return pid.isEmpty() ? "another process (its lock file was emptied, so its pid is unknown)" : "process " + pid;
    }

    private static byte[] content() {
        return (ProcessHandle.current().pid() + " " + UUID.randomUUID() + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] readPath(Path dir) throws IOException {
        try {
            return Files.readAllBytes(dir.resolve(NAME));
        } catch (NoSuchFileException e) {
            return new byte[0];
        }
    }

    private static void write(FileChannel ch, byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        long at = 0;
        while (buf.hasRemaining()) {
            at += ch.write(buf, at);
        }
        ch.force(false);
    }
}
