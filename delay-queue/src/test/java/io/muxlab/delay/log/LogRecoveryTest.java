package io.muxlab.delay.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log on disk: torn tails truncated at every byte, a damaged last record kept aside, real corruption refused, every policy read back. */
class LogRecoveryTest {
    private static final String FIRST = "segment-0000000000000001.log";

    @TempDir
    Path tmp;

    private static LogRecovery.Result recover(Path dir, List<LogRecord> into, List<String> warnings) throws IOException {
        return LogRecovery.recover(dir, into::add, warnings::add);
    }

    private static void append(Path dir, FsyncPolicy policy, long maxSegment, List<LogRecord> records) throws IOException {
        LogRecovery.Result r = recover(dir, new ArrayList<>(), new ArrayList<>());
        try (LogWriter w = new LogWriter(dir, r, policy, maxSegment)) {
            for (LogRecord rec : records) {
                w.appendDurable(rec);
            }
        }
    }

    private static LogRecord add(long id, int payloadBytes) {
        byte[] payload = new byte[payloadBytes];
        Arrays.fill(payload, (byte) id);
        return LogRecord.add(id, 1000 + id, 0, "task", payload);
    }

    private static List<Long> ids(List<LogRecord> records) {
        return records.stream().map(LogRecord::id).toList();
    }

    /** A directory holding ids 1..5, and then id 6 as the last record; returns {size before 6, size after}. */
    private long[] fiveThenOne(Path dir) throws IOException {
        Files.createDirectories(dir);
        append(dir, FsyncPolicy.BATCH, 1 << 20, List.of(add(1, 3), LogRecord.done(1), add(2, 0), add(3, 10), LogRecord.retry(3, 1, 5)));
        long before = Files.size(dir.resolve(FIRST));
        append(dir, FsyncPolicy.BATCH, 1 << 20, List.of(add(6, 17)));
        return new long[] {before, Files.size(dir.resolve(FIRST))};
    }

    @Test
    void tornTailAtEveryByteOfTheLastRecordIsTruncatedAndEverythingBeforeKept() throws IOException {
        Path source = tmp.resolve("source");
        long[] sizes = fiveThenOne(source);
        byte[] whole = Files.readAllBytes(source.resolve(FIRST));
        for (long cut = sizes[0]; cut < sizes[1]; cut++) {
            Path dir = Files.createDirectories(tmp.resolve("cut" + cut));
            Files.write(dir.resolve(FIRST), Arrays.copyOf(whole, (int) cut));
            List<LogRecord> got = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            LogRecovery.Result r = recover(dir, got, warnings);
            assertEquals(List.of(1L, 1L, 2L, 3L, 3L), ids(got), "cut at " + cut);
            assertEquals(sizes[0], Files.size(dir.resolve(FIRST)), "truncated to the last whole record, cut " + cut);
            assertEquals(sizes[0], r.lastSize());
            if (cut > sizes[0]) {
                assertEquals(1, warnings.size(), warnings.toString());
                assertTrue(warnings.get(0).contains(FIRST) && warnings.get(0).contains("offset " + sizes[0]), warnings.get(0));
            } else {
                assertTrue(warnings.isEmpty(), warnings.toString());
            }
            // The queue goes on appending after the truncation, and the next open sees it all.
            append(dir, FsyncPolicy.NEVER, 1 << 20, List.of(add(7, 1)));
            List<LogRecord> again = new ArrayList<>();
            List<String> quiet = new ArrayList<>();
            recover(dir, again, quiet);
            assertEquals(List.of(1L, 1L, 2L, 3L, 3L, 7L), ids(again));
            assertTrue(quiet.isEmpty(), quiet.toString());
        }
    }

    @Test
    void aDamagedByteAnywhereInTheLastRecordEndsTheLogThereAndAWholeDamagedRecordIsKeptAside() throws IOException {
        Path source = tmp.resolve("source");
        long[] sizes = fiveThenOne(source);
        byte[] whole = Files.readAllBytes(source.resolve(FIRST));
        for (int at = (int) sizes[0]; at < sizes[1]; at++) {
            Path dir = Files.createDirectories(tmp.resolve("flip" + at));
            byte[] damaged = whole.clone();
            damaged[at] ^= 0x5A;
            Files.write(dir.resolve(FIRST), damaged);
            List<LogRecord> got = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            recover(dir, got, warnings);
            assertEquals(List.of(1L, 1L, 2L, 3L, 3L), ids(got), "flip at " + at);
            assertEquals(1, warnings.size());
            assertEquals(sizes[0], Files.size(dir.resolve(FIRST)));
            // A whole record that fails its CRC is not a torn write: its bytes are kept aside.
            Path aside = dir.resolve("damaged-" + FIRST + "-at-" + sizes[0]);
            if (warnings.get(0).contains("damaged record")) {
                assertTrue(Arrays.equals(Arrays.copyOfRange(damaged, (int) sizes[0], damaged.length), Files.readAllBytes(aside)));
            } else {
                assertTrue(warnings.get(0).contains("torn tail"), warnings.get(0));
            }
        }
    }

    @Test
    void damageWithValidRecordsAfterItRefusesToOpenNamingSegmentAndOffset() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("mid"));
        append(dir, FsyncPolicy.NEVER, 1 << 20, List.of(add(1, 5), add(2, 5), add(3, 5), add(4, 5)));
        byte[] bytes = Files.readAllBytes(dir.resolve(FIRST));
        int frame = RecordCodec.frameBytes(add(1, 5));
        int third = RecordCodec.SEGMENT_HEADER_BYTES + 2 * frame;
        bytes[third + 12] ^= 1;
        Files.write(dir.resolve(FIRST), bytes);
        CorruptLogException e = assertThrows(CorruptLogException.class, () -> recover(dir, new ArrayList<>(), new ArrayList<>()));
        assertTrue(e.getMessage().contains(FIRST) && e.getMessage().contains("offset " + third), e.getMessage());
        assertEquals(bytes.length, Files.size(dir.resolve(FIRST)), "nothing truncated");
    }

    @Test
    void damageInASegmentThatIsNotTheLastRefusesToOpen() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("multi"));
        List<LogRecord> records = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            records.add(add(i, 1000));
        }
        append(dir, FsyncPolicy.NEVER, 4096, records);
        List<LogRecord> all = new ArrayList<>();
        recover(dir, all, new ArrayList<>());
        assertEquals(12, all.size());
        assertTrue(LogFiles.segments(dir).size() >= 3);
        Path first = dir.resolve(FIRST);
        long size = Files.size(first);
        Files.write(first, Arrays.copyOf(Files.readAllBytes(first), (int) size - 10));
        CorruptLogException e = assertThrows(CorruptLogException.class, () -> recover(dir, new ArrayList<>(), new ArrayList<>()));
        assertTrue(e.getMessage().contains(FIRST) && e.getMessage().contains("later files exist"), e.getMessage());
    }

    @Test
    void everyPolicyReadsBackWhatItWroteAndFsyncsAsItSays() throws IOException {
        for (FsyncPolicy policy : FsyncPolicy.values()) {
            Path dir = Files.createDirectories(tmp.resolve("policy-" + policy));
            LogRecovery.Result r = recover(dir, new ArrayList<>(), new ArrayList<>());
            long fsyncs;
            try (LogWriter w = new LogWriter(dir, r, policy, 1 << 20)) {
                for (int i = 1; i <= 50; i++) {
                    w.appendDurable(add(i, i));
                }
                fsyncs = w.fsyncs();
            }
            List<LogRecord> got = new ArrayList<>();
            recover(dir, got, new ArrayList<>());
            assertEquals(50, got.size(), policy.name());
            assertEquals(25, got.get(24).payload().length);
            switch (policy) {
                case ALWAYS -> assertEquals(50, fsyncs, "one fsync per append");
                case BATCH -> assertTrue(fsyncs >= 1 && fsyncs <= 50, "fsyncs " + fsyncs);
                case NEVER -> assertEquals(0, fsyncs);
            }
        }
    }

    @Test
    void aRecordLargerThanTheGroupCommitBufferIsWrittenWhole() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("large"));
        append(dir, FsyncPolicy.BATCH, 1 << 20, List.of(add(1, 10), add(2, 3 << 20), add(3, 10)));
        List<LogRecord> got = new ArrayList<>();
        recover(dir, got, new ArrayList<>());
        assertEquals(List.of(1L, 2L, 3L), ids(got));
        assertEquals(3 << 20, got.get(1).payload().length);
    }

    @Test
    void groupCommitCoversManyConcurrentAppendersWithFewFsyncs() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("group"));
        LogRecovery.Result r = recover(dir, new ArrayList<>(), new ArrayList<>());
        int threads = 8;
        int each = 200;
        long fsyncs;
        try (LogWriter w = new LogWriter(dir, r, FsyncPolicy.BATCH, 1 << 26)) {
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * each;
                ts.add(new Thread(() -> {
                    for (int i = 1; i <= each; i++) {
                        w.appendDurable(add(base + i, 8));
                    }
                }));
            }
            ts.forEach(Thread::start);
            for (Thread t : ts) {
                t.join();
            }
            fsyncs = w.fsyncs();
        }
        List<LogRecord> got = new ArrayList<>();
        recover(dir, got, new ArrayList<>());
        assertEquals(threads * each, got.size());
        long[] lastPerThread = new long[threads];
        for (LogRecord rec : got) {
            int t = (int) ((rec.id() - 1) / each);
            assertTrue(rec.id() > lastPerThread[t], "one thread's records stay in its order");
            lastPerThread[t] = rec.id();
        }
        // Every append waited for an fsync covering it; at most one fsync per append, usually far fewer.
        assertTrue(fsyncs <= threads * each, "fsyncs " + fsyncs);
    }

    @Test
    void appendHooksRunUnderTheGroupLockOncePerCallAndAFailingCallDoesNotSinkItsGroup() throws Exception {
        for (FsyncPolicy policy : List.of(FsyncPolicy.BATCH, FsyncPolicy.ALWAYS)) {
            Path dir = Files.createDirectories(tmp.resolve("hooks-" + policy));
            LogRecovery.Result r = recover(dir, new ArrayList<>(), new ArrayList<>());
            ReentrantLock groupLock = new ReentrantLock();
            AtomicInteger durable = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            AtomicInteger unlocked = new AtomicInteger();
            int threads = 8;
            int each = 50;
            try (LogWriter w = new LogWriter(dir, r, policy, 1 << 26, groupLock)) {
                List<Thread> ts = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int base = t * each;
                    ts.add(new Thread(() -> {
                        for (int i = 1; i <= each; i++) {
                            long id = base + i;
                            try {
                                w.append(new Append() {
                                    @Override
                                    public List<LogRecord> records() {
                                        if (!groupLock.isHeldByCurrentThread()) {
                                            unlocked.incrementAndGet();
                                        }
                                        if (id % 7 == 0) {
                                            throw new IllegalArgumentException("refused " + id);
                                        }
                                        return List.of(add(id, 4));
                                    }

                                    @Override
                                    public void durable() {
                                        if (!groupLock.isHeldByCurrentThread()) {
                                            unlocked.incrementAndGet();
                                        }
                                        durable.incrementAndGet();
                                    }
                                });
                            } catch (IllegalArgumentException e) {
                                assertEquals("refused " + id, e.getMessage());
                                refused.incrementAndGet();
                            }
                        }
                    }));
                }
                ts.forEach(Thread::start);
                for (Thread t : ts) {
                    t.join();
                }
            }
            int total = threads * each;
            int expectRefused = total / 7;
            assertEquals(0, unlocked.get(), policy + ": hooks ran without the group lock");
            assertEquals(expectRefused, refused.get(), policy.toString());
            assertEquals(total - expectRefused, durable.get(), policy.toString());
            List<LogRecord> got = new ArrayList<>();
            recover(dir, got, new ArrayList<>());
            assertEquals(total - expectRefused, got.size(), policy.toString());
            assertTrue(got.stream().allMatch(rec -> rec.id() % 7 != 0), policy + ": a refused record reached the log");
        }
    }
}
