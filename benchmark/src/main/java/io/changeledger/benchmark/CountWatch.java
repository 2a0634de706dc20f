package io.changeledger.benchmark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Watches how many changes the query side holds for one service, from the start of sending until it holds them all:
 * the query side's half of a throughput run. One count request per interval, so the watching costs the query side
 * little, and every moment read from it (such as "all visible") is at most one interval late.
 */
final class CountWatch implements AutoCloseable {

    /** A count the query side answered, and when. */
    record Seen(long atNanos, long count) {
    }

    private final LedgerClient client;
    private final String service;
    private final long intervalMillis;
    private final Thread thread;
    private final List<Seen> history = new ArrayList<>();
    private volatile Seen latest;
    private volatile boolean closed;

    CountWatch(BenchmarkOptions options, String service, long intervalMillis) {
        this.client = new LedgerClient(options);
        this.service = service;
        this.intervalMillis = intervalMillis;
        this.latest = new Seen(System.nanoTime(), 0);
        this.thread = new Thread(this::watch, "bench-count-" + service);
        thread.setDaemon(true);
        thread.start();
    }

    /** @return the last count answered at or before {@code nanos}: how far the query side was at that moment */
    Seen at(long nanos) {
        synchronized (history) {
            Seen before = new Seen(nanos, 0);
            for (Seen seen : history) {
                if (seen.atNanos() - nanos > 0) {
                    break;
                }
                before = seen;
            }
            return before;
        }
    }

    Seen latest() {
        return latest;
    }

    /**
     * Waits until the query side shows at least {@code expected} changes of the service.
     *
     * @param stallNanos how long the count may stand still before the wait gives up
     * @return when the count was first seen at {@code expected} or more, or empty if it stalled short of it
     */
    OptionalLong awaitAtLeast(long expected, long stallNanos) throws InterruptedException {
        long progressNanos = System.nanoTime();
        long count = -1;
        while (true) {
            Seen seen = latest;
            if (seen.count() >= expected) {
                return OptionalLong.of(seen.atNanos());
            }
            if (seen.count() > count) {
                count = seen.count();
                progressNanos = System.nanoTime();
            } else if (System.nanoTime() - progressNanos > stallNanos) {
                return OptionalLong.empty();
            }
            Thread.sleep(Math.min(intervalMillis, 50));
        }
    }

    private void watch() {
        while (!closed) {
            try {
                OptionalLong count = client.totalItems(service);
                if (count.isPresent()) {
                    Seen seen = new Seen(System.nanoTime(), count.getAsLong());
                    synchronized (history) {
                        history.add(seen);
                    }
                    latest = seen;
                }
            } catch (IOException e) {
                // a busy query side answers later; the stall limit of the wait decides when that is too late
            } catch (InterruptedException e) {
                return;
            }
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
