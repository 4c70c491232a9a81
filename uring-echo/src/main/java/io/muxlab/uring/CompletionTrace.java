package io.muxlab.uring;

import io.muxlab.core.sys.Errno;
import io.muxlab.core.sys.IoUring;
import io.muxlab.core.trace.TraceSink;

/**
 * {@code --trace} for the completion loop: one line per {@code io_uring_enter} and one per
 * completion, so a reader watches batching happen ({@code nc 127.0.0.1 7004} in another terminal):
 *
 * <pre>
 * enter submitted=2 waited=1 reaped=1
 * cqe accept fd=5 res=7 F_MORE
 * enter submitted=1 waited=1 reaped=1
 * cqe recv fd=7 res=6
 * enter submitted=1 waited=1 reaped=1
 * cqe send fd=7 res=6
 * cqe recv fd=7 res=0
 * close fd=7 (peer closed)
 * </pre>
 *
 * {@code fd} is the descriptor the request named (the listener, for accept); {@code res} the
 * call's result ({@code -ECONNRESET} style for errors). Lines go to a {@link TraceSink}, which never
 * blocks the loop. Off, every method returns at its first test and builds no strings. Loop thread only.
 */
final class CompletionTrace {
    private final boolean enabled;
    private final TraceSink out;

    /** @param out where lines go, or null: tracing off */
    CompletionTrace(TraceSink out) {
        this.enabled = out != null;
        this.out = out;
    }

    void enter(int submitted, int waited, int reaped) {
        if (enabled) {
            out.line("enter submitted=" + submitted + " waited=" + waited + " reaped=" + reaped);
        }
    }

    void completion(String op, int fd, int res, int flags) {
        if (enabled) {
            StringBuilder line = new StringBuilder("cqe ").append(op).append(" fd=").append(fd).append(" res=");
            line.append(res < 0 ? "-" + Errno.name(-res) : String.valueOf(res));
            if ((flags & IoUring.IORING_CQE_F_MORE) != 0) {
                line.append(" F_MORE");
            }
            if ((flags & IoUring.IORING_CQE_F_SOCK_NONEMPTY) != 0) {
                line.append(" F_SOCK_NONEMPTY");
            }
            if ((flags & IoUring.IORING_CQE_F_BUFFER) != 0) {
                line.append(" F_BUFFER(").append(flags >>> 16).append(')');
            }
            out.line(line.toString());
        }
    }

    void close(int fd, String reason) {
        if (enabled) {
            out.line("close fd=" + fd + " (" + reason + ")");
        }
    }
}
