package io.muxlab.core.mux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ReadyEventsTest {

    @Test
    void growsAndClears() {
        ReadyEvents events = new ReadyEvents(1);
        for (int i = 0; i < 10; i++) {
            events.add(i, Ready.READ);
        }
        assertEquals(10, events.count());
        assertEquals(9, events.fd(9));
        assertEquals(Ready.READ, events.ready(9));
        events.clear();
        assertEquals(0, events.count());
        assertThrows(IndexOutOfBoundsException.class, () -> events.fd(0));
    }

    @Test
    void namesBits() {
        assertEquals("read|hangup", Ready.toString(Ready.READ | Ready.HANGUP));
        assertEquals("read|write", Interest.toString(Interest.READ_WRITE));
    }
}
