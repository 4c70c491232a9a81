package io.muxlab.delay.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The other side of {@link ControlServer}: a subcommand asks the {@code run} that holds the queue,
 * if there is one. One request line, then the answer's lines: {@code out TEXT} and {@code err TEXT}
 * go to standard output and error as they are, {@code exit N} is the subcommand's exit status.
 * No socket, or one nobody listens on (left by a runner that was killed), means there is no runner:
 * the caller opens the directory itself.
 */
final class ControlClient {
    private ControlClient() {
    }

    /** The exit status the runner answered with, or empty if no runner listens. */
    static Optional<Integer> call(Path dir, String request) throws IOException {
        Path socket = dir.resolve(ControlServer.SOCKET);
        if (!Files.exists(socket)) {
            return Optional.empty();
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
            } catch (ConnectException e) {
                return Optional.empty();
            }
            ByteBuffer line = ByteBuffer.wrap((request + "\n").getBytes(StandardCharsets.UTF_8));
            while (line.hasRemaining()) {
                ch.write(line);
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
            for (String answer = in.readLine(); answer != null; answer = in.readLine()) {
                if (answer.startsWith("out ")) {
                    System.out.println(answer.substring(4));
                } else if (answer.startsWith("err ")) {
                    System.err.println(answer.substring(4));
                } else if (answer.startsWith("exit ")) {
                    System.out.flush();
                    return Optional.of(Integer.parseInt(answer.substring(5)));
                }
            }
            throw new IOException("the run holding " + dir + " closed its control socket without an answer (did it stop?)");
        }
    }
}
