package io.muxlab.harness.bench;

import io.muxlab.core.sys.Fds;

/**
 * {@code n} idle descriptors for the benchmarks: both ends of {@code n / 2} non-blocking pipes.
 * Watched for reading, none ever becomes ready (nothing is written; a write end is never
 * readable), so a wait call measures only what it costs to look at them.
 */
final class IdleDescriptors implements AutoCloseable {
    final int[] fds;

    IdleDescriptors(int n) {
        fds = new int[n - n % 2];
        int made = 0;
        try {
            while (made < fds.length) {
                int[] pipe = Fds.pipe();
                fds[made++] = pipe[0];
                fds[made++] = pipe[1];
            }
        } catch (RuntimeException e) {
            for (int i = 0; i < made; i++) {
                Fds.closeQuietly(fds[i]);
            }
            throw e;
        }
    }

    int max() {
        int max = -1;
        for (int fd : fds) {
            max = Math.max(max, fd);
        }
        return max;
    }

    @Override
    public void close() {
        for (int fd : fds) {
            Fds.closeQuietly(fd);
        }
    }
}
