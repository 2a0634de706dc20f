package io.changeledger.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends the ticks of a schedule. A paced schedule is kept by one thread that hands each tick, when it is due, to a
 * pool of senders: a slow answer occupies one sender but delays no later tick, and when every sender is busy a tick
 * waits in the queue with its due time, so the wait is counted. An unpaced schedule is worked off by the senders
 * themselves, each taking the next tick as soon as it is done with the last.
 */
final class Pacer {

    /** Sends one tick; {@code dueNanos} is a {@link System#nanoTime()} value. */
    interface TickSender {
        void send(long tick, long dueNanos);
    }

    private Pacer() {
    }

    /** @return the {@link System#nanoTime()} at which sending started; returns once every tick has been sent */
    static long run(Schedule schedule, int senders, TickSender sender) throws InterruptedException {
        return schedule.paced() ? paced(schedule, senders, sender) : unpaced(schedule, senders, sender);
    }

    private static long paced(Schedule schedule, int senders, TickSender sender) throws InterruptedException {
        AtomicInteger names = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(senders, senders, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> new Thread(task, "bench-sender-" + names.getAndIncrement()));
        // before the clock starts, so that creating threads is not counted against the first ticks
        pool.prestartAllCoreThreads();
        long start = System.nanoTime();
        try {
            for (long tick = 0; tick < schedule.ticks(); tick++) {
                long due = start + schedule.dueNanos(tick);
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                long sentTick = tick;
                pool.execute(() -> sender.send(sentTick, due));
            }
        } finally {
            pool.shutdown();
        }
        // a sender may retry a request for minutes; what it could not send in the end, the tally says
        boolean terminated;
        do {
            terminated = pool.awaitTermination(1, TimeUnit.MINUTES);
        } while (!terminated);
        return start;
    }

    private static long unpaced(Schedule schedule, int senders, TickSender sender) throws InterruptedException {
        AtomicLong next = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < senders; i++) {
            Thread thread = new Thread(() -> {
                for (long tick = next.getAndIncrement(); tick < schedule.ticks(); tick = next.getAndIncrement()) {
                    sender.send(tick, System.nanoTime());
                }
            }, "bench-sender-" + i);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return start;
    }
}
