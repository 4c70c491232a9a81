package io.muxlab.uring;

import io.muxlab.core.cli.EchoMainContract;
import io.muxlab.core.sys.IoUringAvailable;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(IoUringAvailable.class)
class UringPollEchoMainTest extends EchoMainContract {
    @Override
    protected Class<?> mainClass() {
        return UringEchoMain.class;
    }

    @Override
    protected String serverName() {
        return UringPollMultiplexer.NAME;
    }

    @Override
    protected List<String> extraArguments() {
        return List.of("--mode", "poll");
    }
}
