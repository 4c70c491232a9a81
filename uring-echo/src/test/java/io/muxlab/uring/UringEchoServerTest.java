package io.muxlab.uring;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.core.echo.EchoConfig;
import io.muxlab.core.echo.EchoServer;
import io.muxlab.core.echo.EchoServerConformance;
import io.muxlab.core.echo.Pitfall;
import io.muxlab.core.sys.IoUringAvailable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(IoUringAvailable.class)
class UringEchoServerTest extends EchoServerConformance {
    @Override
    protected EchoServer newServer() {
        return new UringEchoServer();
    }

    /** The readiness loops' options are refused before anything is opened, not silently ignored. */
    @Test
    void bindRefusesThePitfallsAndTheIdleTimeout() {
        for (EchoConfig config : new EchoConfig[] {EchoConfig.loopbackAnyPort().withPitfall(Pitfall.BUSY_POLL),
            EchoConfig.loopbackAnyPort().withIdleTimeout(1_000_000_000L)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new UringEchoServer().bind(config));
            assertTrue(e.getMessage().contains("use --mode poll"), e.getMessage());
        }
    }
}
