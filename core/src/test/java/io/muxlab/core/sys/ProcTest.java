package io.muxlab.core.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcTest {

    @Test
    void openFileLimitIsReadable() {
        Proc.FileLimit limit = Proc.openFileLimit();
        assertTrue(limit.soft() > 0);
        assertTrue(limit.hard() == Proc.UNLIMITED || limit.soft() <= limit.hard(), limit.toString());
    }

    @Test
    void settingTheSoftLimitToItsCurrentValueSucceeds() {
        Proc.FileLimit limit = Proc.openFileLimit();
        Proc.setOpenFileLimit(limit.soft(), limit.hard());
        assertEquals(limit, Proc.openFileLimit());
    }

    @Test
    void getppidMatchesTheJdk() {
        assertEquals(ProcessHandle.current().parent().orElseThrow().pid(), Proc.getppid());
    }
}
