package io.muxlab.core.echo;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the loops of one server share (see {@link MultiplexedEchoServer}): the connections open in
 * all of them, which {@code --max-connections} limits, and how many are out of descriptors, so the
 * log says so once per episode for the server, not once per loop. Any loop thread.
 */
final class ServerWide {
    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger outOfDescriptors = new AtomicInteger();
}
