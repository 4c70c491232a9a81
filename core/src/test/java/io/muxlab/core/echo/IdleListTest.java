package io.muxlab.core.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.muxlab.core.sys.Fds;
import io.muxlab.core.sys.TestSockets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The idle order with times handed in by hand: no clock, no sleeping. */
class IdleListTest {
    private static final long TIMEOUT = 1_000;
    private final List<Connection> made = new ArrayList<>();
    private final List<Integer> fds = new ArrayList<>();

    private Connection connection() {
        int[] sv = TestSockets.socketPair();
        fds.add(sv[0]);
        fds.add(sv[1]);
        Connection c = new Connection(sv[0], 1024, false, new EchoCounters(), new Tracer(null), Pitfall.NONE);
        made.add(c);
        return c;
    }

    @AfterEach
    void release() {
        made.forEach(Connection::close);
        fds.forEach(Fds::closeQuietly);
    }

    @Test
    void theOldestExpiresFirstAndATouchMovesAConnectionToTheBack() {
        IdleList idle = new IdleList(TIMEOUT);
        Connection a = connection();
        Connection b = connection();
        idle.touch(a, 0);
        idle.touch(b, 10);
        assertEquals(TIMEOUT - 100, idle.nanosUntilNext(100), "the wait ends when the oldest would expire");
        assertNull(idle.expired(TIMEOUT - 1));
        idle.touch(a, 500);
        assertSame(b, idle.expired(TIMEOUT + 10), "a moved bytes later, so b is the oldest now");
        idle.remove(b);
        assertNull(idle.expired(TIMEOUT + 10));
        assertSame(a, idle.expired(TIMEOUT + 500));
        idle.remove(a);
        assertEquals(-1, idle.nanosUntilNext(0), "nothing listed: wait forever");
    }

    @Test
    void offByDefaultListsNothing() {
        IdleList idle = new IdleList(0);
        Connection a = connection();
        idle.touch(a, 0);
        assertFalse(idle.enabled());
        assertFalse(a.idleListed);
        assertEquals(-1, idle.nanosUntilNext(Long.MAX_VALUE / 2));
    }
}
