package io.muxlab.core.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The skip path, proven on a kernel that has io_uring by asking it for what it does not have: the
 * one line must name the call, the errno and what it means.
 */
@ExtendWith(IoUringAvailable.class)
class IoUringSupportTest {

    @Test
    void everythingMuxlabUsesIsThereHere() {
        assertEquals(Optional.empty(), IoUringSupport.unavailable(IoUringAvailable.SETUP_FLAGS, IoUring.IORING_OP_RECV));
    }

    @Test
    void aSetupFlagTheKernelDoesNotKnowIsNamedWithItsErrnoAndMeaning() {
        String why = IoUringSupport.unavailable(1 << 30, IoUring.IORING_OP_NOP).orElseThrow();
        assertTrue(why.startsWith("io_uring_setup("), why);
        assertTrue(why.contains("failed: EINVAL (Invalid argument): this kernel does not know a flag"), why);
    }

    @Test
    void aMissingOpcodeIsNamed() {
        String why = IoUringSupport.unavailable(0, IoUring.IORING_OP_NOP, 250).orElseThrow();
        assertTrue(why.startsWith("io_uring_register(IORING_REGISTER_PROBE): this kernel lacks opcode 250"), why);
    }

    @Test
    void eachErrnoOfARefusedSetupSaysWhatItUsuallyMeans() {
        assertTrue(IoUringSupport.meaning("io_uring_setup", Errno.EPERM).contains("seccomp"));
        assertTrue(IoUringSupport.meaning("io_uring_setup", Errno.EPERM).contains("io_uring_disabled"));
        assertTrue(IoUringSupport.meaning("io_uring_setup", Errno.ENOSYS).contains("5.1"));
    }
}
