package io.muxlab.core.sys;

import java.util.Map;
import java.util.Optional;

/**
 * Whether io_uring can be used here, and if not, one line saying why: which call failed, its
 * errno, and what that usually means. A main prints the line and exits 2; a test turns it into a
 * JUnit assumption, so the skip and its reason show in the Surefire output.
 *
 * <p>io_uring is often present in the kernel and still refused: Docker's default seccomp profile
 * blocks the three syscalls (EPERM), as does {@code sysctl kernel.io_uring_disabled=2} (or =1 for
 * a process outside {@code kernel.io_uring_group}); kernels before 5.1, or built without
 * CONFIG_IO_URING, answer ENOSYS; a kernel older than a setup flag answers EINVAL. And a kernel
 * with io_uring may lack an opcode, which only the probe tells.
 */
public final class IoUringSupport {
    /** Opcode names for messages, with the kernel that added each. */
    private static final Map<Integer, String> OPCODES = Map.of(
            IoUring.IORING_OP_NOP, "IORING_OP_NOP (5.1)",
            IoUring.IORING_OP_POLL_ADD, "IORING_OP_POLL_ADD (5.1)",
            IoUring.IORING_OP_POLL_REMOVE, "IORING_OP_POLL_REMOVE (5.1)",
            IoUring.IORING_OP_ACCEPT, "IORING_OP_ACCEPT (5.5)",
            IoUring.IORING_OP_ASYNC_CANCEL, "IORING_OP_ASYNC_CANCEL (5.5)",
            IoUring.IORING_OP_READ, "IORING_OP_READ (5.6)",
            IoUring.IORING_OP_SEND, "IORING_OP_SEND (5.6)",
            IoUring.IORING_OP_RECV, "IORING_OP_RECV (5.6)");

    private IoUringSupport() {
    }

    /**
     * Sets up a small ring with {@code setupFlags} (a CQ of 8 if they hold IORING_SETUP_CQSIZE),
     * probes it for {@code opcodes}, and closes it.
     *
     * @return empty if all is there; otherwise the reason, e.g. {@code io_uring_setup failed: EPERM
     *     (Operation not permitted): io_uring is switched off here: ...}
     */
    public static Optional<String> unavailable(int setupFlags, int... opcodes) {
        try (IoUring ring = new IoUring(4, 8, setupFlags)) {
            IoUringProbe probe = ring.probe();
            for (int op : opcodes) {
                if (!probe.supports(op)) {
                    return Optional.of("io_uring_register(IORING_REGISTER_PROBE): this kernel lacks "
                            + OPCODES.getOrDefault(op, "opcode " + op) + " (its last opcode is " + probe.lastOp() + ")");
                }
            }
            if ((ring.features() & IoUring.IORING_FEAT_EXT_ARG) == 0 || (ring.features() & IoUring.IORING_FEAT_NODROP) == 0) {
                return Optional.of("io_uring_setup: this kernel lacks IORING_FEAT_EXT_ARG or IORING_FEAT_NODROP (features 0x"
                        + Integer.toHexString(ring.features()) + "; both are in 5.11)");
            }
            return Optional.empty();
        } catch (SyscallException e) {
            return Optional.of(e.getMessage() + ": " + meaning(e.syscall(), e.errno()));
        }
    }

    /** What an errno from the io_uring calls usually means for the user. */
    static String meaning(String syscall, int errno) {
        return switch (errno) {
            case Errno.EPERM -> "io_uring is switched off here: a container's seccomp profile (Docker's default blocks it) "
                    + "or sysctl kernel.io_uring_disabled (see /proc/sys/kernel/io_uring_disabled)";
            case Errno.ENOSYS -> "this kernel has no io_uring (before Linux 5.1, or built without CONFIG_IO_URING)";
            case Errno.EINVAL -> "this kernel does not know a flag " + syscall + " was given (the setup flags need Linux 6.1)";
            case Errno.ENOMEM -> "the kernel could not allocate the rings (memory limit or RLIMIT_MEMLOCK on kernels before 5.12)";
            default -> "unexpected errno from " + syscall;
        };
    }
}
