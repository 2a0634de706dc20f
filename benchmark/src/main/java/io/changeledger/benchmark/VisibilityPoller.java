package io.changeledger.benchmark;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Follows sampled events until the query side shows them. The sampled events of a part share one service and say
 * when they occurred, so once per poll interval one query, {@code GET /api/v1/changes?service=S&from=T}, with T a
 * little before the oldest event still looked for, shows which of them became queryable, whichever path they came
 * by; the latency is from when an event was due to be sent until the end of the answer that first showed it.
 * <p>
 * One query per interval, however many events are followed: asking for each event on its own cost the query side
 * more the slower it got (177 requests a second at 1,000 events/s through Kafka, 0.9 ms of its CPU each), and with
 * many events outstanding each was asked for less often than the interval, which added up to the latencies. Now the
 * load is fixed and the interval (plus one request) is the resolution of every latency.
 */
final class VisibilityPoller implements AutoCloseable {

    private static final int MISSING_SHOWN = 5;
    /** The query API's largest page. */
    static final int PAGE_SIZE = 500;
    /** Pages one look reads at most: 10,000 sampled events since the oldest one still looked for. */
    private static final int MAX_PAGES = 20;
    /** Looks a little earlier than the oldest event still looked for, so that no rounding of stored times hides it. */
    private static final Duration MARGIN = Duration.ofSeconds(1);

    private final String service;
    private final long intervalNanos;
    private final long giveUpNanos;
    private final Thread poller;
    private final Map<String, Followed> outstanding = new ConcurrentHashMap<>();
    private final AtomicInteger followed = new AtomicInteger();
    private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> missing = new ConcurrentLinkedQueue<>();
    private final AtomicInteger missingCount = new AtomicInteger();
    private final LongAdder queries = new LongAdder();
    private volatile boolean closed;

    /**
     * @param service     the service of the sampled events
     * @param giveUpNanos after this long from its due time an event that is still not visible counts as missing
     */
    VisibilityPoller(BenchmarkOptions options, String service, long intervalNanos, long giveUpNanos) {
        this.service = service;
        this.intervalNanos = intervalNanos;
        this.giveUpNanos = giveUpNanos;
        LedgerClient client = new LedgerClient(options);
        poller = new Thread(() -> poll(client), "bench-poller");
        poller.setDaemon(true);
        poller.start();
    }

    /** Looks for the event from the next look on: it may have become visible while its sender waited. */
    void follow(IngestEvent event, long dueNanos) {
        if (event.occurredAt() == null) {
            throw new IllegalArgumentException("a followed event must say when it occurred: " + event.version());
        }
        followed.incrementAndGet();
        outstanding.put(event.version(), new Followed(event.occurredAt(), dueNanos));
    }

    /** @return whether every followed event was seen or given up on before {@code timeoutNanos} */
    boolean awaitSettled(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (!outstanding.isEmpty()) {
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
            long started = System.nanoTime();
            try {
                look(client);
            } catch (IOException e) {
                // the query side may be too busy to answer now; each event's own deadline decides
            } catch (InterruptedException e) {
                return;
            }
            giveUp(System.nanoTime());
            long rest = started + intervalNanos - System.nanoTime();
            if (rest > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(rest);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void look(LedgerClient client) throws IOException, InterruptedException {
        Optional<Instant> oldest = outstanding.values().stream().map(Followed::occurredAt)
                .min(Comparator.naturalOrder());
        if (oldest.isEmpty()) {
            return;
        }
        Instant from = oldest.get().minus(MARGIN);
        for (int page = 0; page < MAX_PAGES && !outstanding.isEmpty(); page++) {
            Optional<List<String>> versions = client.versions(service, from, page, PAGE_SIZE);
            queries.increment();
            long answered = System.nanoTime();
            if (versions.isEmpty()) {
                return;
            }
            for (String version : versions.get()) {
                Followed event = outstanding.remove(version);
                if (event != null) {
                    latencies.add(answered - event.dueNanos());
                }
            }
            if (versions.get().size() < PAGE_SIZE) {
                return;
            }
        }
    }

    private void giveUp(long now) {
        outstanding.entrySet().removeIf(entry -> {
            if (now - entry.getValue().dueNanos() <= giveUpNanos) {
                return false;
            }
            if (missingCount.incrementAndGet() <= MISSING_SHOWN) {
                missing.add(entry.getKey());
            }
            return true;
        });
    }

    @Override
    public void close() {
        closed = true;
        poller.interrupt();
    }

    private record Followed(Instant occurredAt, long dueNanos) {
    }
}
