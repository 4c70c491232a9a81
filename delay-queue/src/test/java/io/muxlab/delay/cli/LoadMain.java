package io.muxlab.delay.cli;

import io.muxlab.delay.DelayQueue;
import io.muxlab.delay.QueueOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Child JVM for the kill -9 test: producers enqueue {@code append} tasks while workers run them,
 * and each acknowledged enqueue is printed as {@code ack PAYLOAD .} (the trailing dot tells a
 * whole line from one cut by the kill). Prints {@code all enqueued .} when the producers are done,
 * then keeps running until killed.
 */
public final class LoadMain {
    private LoadMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path appendTo = Path.of(args[1]);
        int producers = Integer.parseInt(args[2]);
        int perProducer = Integer.parseInt(args[3]);
        DelayQueue q = DelayQueue.open(dir, QueueOptions.defaults().withWorkers(4));
        AppendHandler append = BuiltinTasks.register(q, appendTo, System.out);
        q.start();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            threads.add(new Thread(() -> {
                for (int i = 0; i < perProducer; i++) {
                    String payload = "p" + producer + "-" + i;
                    q.delay("append", payload.getBytes(StandardCharsets.UTF_8),
                            Duration.ofMillis(ThreadLocalRandom.current().nextInt(300)));
                    synchronized (System.out) {
                        System.out.println("ack " + payload + " .");
                        System.out.flush();
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        System.out.println("all enqueued .");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
        append.close();
    }
}
