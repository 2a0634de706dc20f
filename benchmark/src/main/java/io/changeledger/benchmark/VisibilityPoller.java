package io.changeledger.benchmark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Follows sampled events until the query side shows them. Each sampled event is the only one of its service, so
 * {@code GET /api/v1/changes?service=S} answering one item is the moment it became queryable, whichever path it
 * came by; the latency is from when the event was due to be sent until the end of that answer. An event is looked
 * for at most once per poll interval, which bounds the load the benchmark itself puts on the query side and is the
 * resolution of every latency: a latency is at most one interval (plus one request) later than the truth.
 */
final class VisibilityPoller implements AutoCloseable {

    private static final int MISSING_SHOWN = 5;

    private final DelayQueue<Followed> due = new DelayQueue<>();
    private final long intervalNanos;
    private final long giveUpNanos;
    private final List<Thread> pollers = new ArrayList<>();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicInteger followed = new AtomicInteger();
    private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> missing = new ConcurrentLinkedQueue<>();
    private final AtomicInteger missingCount = new AtomicInteger();
    private final LongAdder queries = new LongAdder();
    private volatile boolean closed;

    /**
     * @param giveUpNanos after this long from its due time an event that is still not visible counts as missing
     */
    VisibilityPoller(BenchmarkOptions options, int threads, long intervalNanos, long giveUpNanos) {
        this.intervalNanos = intervalNanos;
        this.giveUpNanos = giveUpNanos;
        for (int i = 0; i < threads; i++) {
            Thread thread = new Thread(() -> poll(new LedgerClient(options)), "bench-poller-" + i);
            thread.setDaemon(true);
            thread.start();
            pollers.add(thread);
        }
    }

    /** Starts looking for the event at once: it may have become visible while its sender waited for the answer. */
    void follow(String service, long dueNanos) {
        followed.incrementAndGet();
        outstanding.incrementAndGet();
        due.add(new Followed(service, dueNanos, System.nanoTime()));
    }

    /** @return whether every followed event was seen or given up on before {@code timeoutNanos} */
    boolean awaitSettled(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (outstanding.get() > 0) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    int followed() {
        return followed.get();
    }

    long[] latencies() {
        return latencies.stream().mapToLong(Long::longValue).toArray();
    }

    int missingCount() {
        return missingCount.get();
    }

    List<String> missingShown() {
        return List.copyOf(missing);
    }

    long queries() {
        return queries.sum();
    }

    private void poll(LedgerClient client) {
        while (!closed) {
            Followed event;
            try {
                event = due.take();
            } catch (InterruptedException e) {
                return;
            }
            long asked = System.nanoTime();
            OptionalLong count;
            try {
                count = client.totalItems(event.service);
            } catch (IOException e) {
                // the query side may be too busy to answer now; the event's own deadline decides
                count = OptionalLong.empty();
            } catch (InterruptedException e) {
                return;
            }
            queries.increment();
            long answered = System.nanoTime();
            if (count.isPresent() && count.getAsLong() >= 1) {
                latencies.add(answered - event.dueNanos);
                outstanding.decrementAndGet();
            } else if (answered - event.dueNanos > giveUpNanos) {
                if (missingCount.incrementAndGet() <= MISSING_SHOWN) {
                    missing.add(event.service);
                }
                outstanding.decrementAndGet();
            } else {
                event.nextNanos = asked + intervalNanos;
                due.add(event);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        pollers.forEach(Thread::interrupt);
    }

    private static final class Followed implements Delayed {

        private final String service;
        private final long dueNanos;
        private volatile long nextNanos;

        Followed(String service, long dueNanos, long nextNanos) {
            this.service = service;
            this.dueNanos = dueNanos;
            this.nextNanos = nextNanos;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(nextNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(nextNanos, ((Followed) other).nextNanos);
        }
    }
}
