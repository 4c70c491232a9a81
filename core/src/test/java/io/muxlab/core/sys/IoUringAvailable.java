package io.muxlab.core.sys;

import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code @ExtendWith(IoUringAvailable.class)}: where the kernel refuses io_uring (a seccomp
 * profile, {@code io_uring_disabled}, an old kernel) or lacks an opcode muxlab uses, every test of
 * the class is skipped with the one-line reason, which Surefire's reports show per test (and the
 * console once per class). (A
 * class-level assumption in {@code @BeforeAll} would skip them too, but Surefire then reports no
 * tests at all, and the reason is lost.) Asked once per JVM.
 */
public final class IoUringAvailable implements ExecutionCondition {
    /** Every setup flag and opcode muxlab's io_uring code uses. */
    public static final int SETUP_FLAGS = IoUring.IORING_SETUP_CQSIZE | IoUring.IORING_SETUP_SUBMIT_ALL
            | IoUring.IORING_SETUP_COOP_TASKRUN | IoUring.IORING_SETUP_SINGLE_ISSUER | IoUring.IORING_SETUP_DEFER_TASKRUN;
    private static final Optional<String> UNAVAILABLE = IoUringSupport.unavailable(SETUP_FLAGS,
            IoUring.IORING_OP_NOP, IoUring.IORING_OP_POLL_ADD, IoUring.IORING_OP_POLL_REMOVE, IoUring.IORING_OP_ACCEPT,
            IoUring.IORING_OP_ASYNC_CANCEL, IoUring.IORING_OP_READ, IoUring.IORING_OP_SEND, IoUring.IORING_OP_RECV);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            // The console shows only "Skipped: N"; say why once per class there too.
            UNAVAILABLE.ifPresent(why -> System.err.println(context.getDisplayName() + ": io_uring tests skipped: " + why));
            return ConditionEvaluationResult.enabled("decided per test, so each skip carries the reason");
        }
        return UNAVAILABLE.map(why -> ConditionEvaluationResult.disabled("io_uring unavailable: " + why))
                .orElseGet(() -> ConditionEvaluationResult.enabled("io_uring is available"));
    }
}
