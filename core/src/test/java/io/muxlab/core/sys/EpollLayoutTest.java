package io.muxlab.core.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jnr.ffi.Platform;
import org.junit.jupiter.api.Test;

/**
 * struct epoll_event is packed on x86-64 only. If the layout were wrong, the kernel would write the
 * data field to a different offset than the one we read, and these values would come back mangled.
 */
class EpollLayoutTest {

    @Test
    void layoutMatchesTheArchitecture() {
        if (Platform.getNativePlatform().getCPU() == Platform.CPU.X86_64) {
            assertEquals(12, Structs.SIZEOF_EPOLL_EVENT);
            assertEquals(4, Structs.EE_DATA);
        } else {
            assertEquals(16, Structs.SIZEOF_EPOLL_EVENT);
            assertEquals(8, Structs.EE_DATA);
        }
    }

    @Test
    void dataRoundTripsThroughTheKernelForEveryEntryOfTheArray() {
        int count = 5;
        int[][] pairs = new int[count][];
        long[] data = new long[count];
        try (Epoll epoll = new Epoll(count); NativeMemory one = NativeMemory.allocate(1)) {
            for (int i = 0; i < count; i++) {
                pairs[i] = TestSockets.socketPair();
                data[i] = 0x1122334455667700L + i;
                epoll.add(pairs[i][0], Epoll.EPOLLIN, data[i]);
                Fds.write(pairs[i][1], one.address(), 1);
            }
            assertEquals(count, epoll.wait(1000));
            long seen = 0;
            for (int i = 0; i < count; i++) {
                assertEquals(Epoll.EPOLLIN, epoll.events(i), "events of entry " + i);
                long d = epoll.data(i);
                int index = (int) (d - 0x1122334455667700L);
                assertEquals(data[index], d, "data of entry " + i);
                seen |= 1L << index;
            }
            assertEquals((1L << count) - 1, seen, "every descriptor reported once");
        } finally {
            for (int[] p : pairs) {
                if (p != null) {
                    Fds.close(p[0]);
                    Fds.close(p[1]);
                }
            }
        }
    }
}
