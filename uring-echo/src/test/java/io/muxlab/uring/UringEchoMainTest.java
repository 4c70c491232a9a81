package io.muxlab.uring;

import io.muxlab.core.cli.EchoMainContract;
import io.muxlab.core.sys.IoUringAvailable;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtendWith;

/** The completion loop traces enters and completions, not readiness. */
@ExtendWith(IoUringAvailable.class)
class UringEchoMainTest extends EchoMainContract {
    @Override
    protected Class<?> mainClass() {
        return UringEchoMain.class;
    }

    @Override
    protected String serverName() {
        return UringEchoServer.NAME;
    }

    @Override
    protected List<Pattern> expectedTrace(String fd) {
        String flags = "( F_[A-Z_]+)*"; // F_SOCK_NONEMPTY, for one, is the kernel's to set
        return List.of(Pattern.compile("enter submitted=\\d+ waited=1 reaped=\\d+"),
                Pattern.compile("cqe accept fd=\\d+ res=" + fd + " F_MORE"),
                Pattern.compile("cqe recv fd=" + fd + " res=6" + flags),
                Pattern.compile("cqe send fd=" + fd + " res=6" + flags),
                Pattern.compile("cqe recv fd=" + fd + " res=0" + flags));
    }
}
