package io.changeledger.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Concurrent throughput: several clients post deployments as fast as the command API accepts them for a fixed time,
 * then the query API is watched until it shows every accepted one. The second rate is the one that matters for an
 * event-sourced system: accepting is cheap, the read model catching up is what bounds sustained load.
 */
final class ThroughputScenario {

    private static final long VISIBILITY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(120);
    // a count query per poll; a few per second would blur the end-to-end time, hundreds would load the query API
    private static final long POLL_PAUSE_MILLIS = 10;
    private static final int ERRORS_SHOWN = 5;

    private final BenchmarkOptions options;
    private final PrintStream out;

    private final LongAdder accepted = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final AtomicInteger errorsSeen = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();

    ThroughputScenario(BenchmarkOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** @return whether every request was accepted and every accepted deployment became visible */
    boolean run(String runId) throws InterruptedException {
        String service = "bench-tp-" + runId;
        int clients = options.clients();
        int seconds = options.durationSeconds();
        out.printf("%nThroughput, concurrent: %d clients for %d s, service %s%n", clients, seconds, service);

        if (options.warmupSeconds() > 0) {
            warmUp(runId);
        }
        long start = load(service, seconds);
        long sendingEnded = System.nanoTime();

        long acceptedCount = accepted.sum();
        long errorCount = errors.sum();
        firstErrors.forEach(error -> out.println("  error: " + error));
        if (errorCount > ERRORS_SHOWN) {
            out.printf("  (%d more errors counted, not shown)%n", errorCount - ERRORS_SHOWN);
        }

        if (acceptedCount > 0) {
            out.printf("  sending done, waiting for the query API to show %d deployments%n", acceptedCount);
        }
        Visibility visibility = acceptedCount == 0
                ? new Visibility(true, sendingEnded, OptionalLong.empty())
                : awaitVisible(new LedgerClient(options), service, acceptedCount, sendingEnded);
        double acceptedPerSecond = (double) acceptedCount / seconds;
        out.printf("  %-28s %10d%n", "accepted (201)", acceptedCount);
        out.printf("  %-28s %10d%n", "errors", errorCount);
        out.printf("  %-28s %10s /s%n", "accepted rate", rate(acceptedPerSecond));
        String endToEnd = "na";
        if (visibility.allVisible() && acceptedCount > 0) {
            double elapsedSeconds = (visibility.atNanos() - start) / 1e9;
            endToEnd = rate(acceptedCount / elapsedSeconds);
            out.printf("  %-28s %10s s%n", "all visible after", String.format(Locale.ROOT, "%.2f", elapsedSeconds));
            out.printf("  %-28s %10s /s%n", "end-to-end rate", endToEnd);
        } else if (!visibility.allVisible()) {
            out.printf("  not all visible within %d s: query API shows %s of %d%n",
                    TimeUnit.NANOSECONDS.toSeconds(VISIBILITY_TIMEOUT_NANOS),
                    visibility.lastSeen().isPresent() ? visibility.lastSeen().getAsLong() : "no count", acceptedCount);
        }
        out.printf("RESULT throughput clients=%d duration_s=%d accepted=%d errors=%d accepted_per_s=%s e2e_per_s=%s"
                        + " all_visible=%b%n",
                clients, seconds, acceptedCount, errorCount, rate(acceptedPerSecond), endToEnd,
                visibility.allVisible());
        return errorCount == 0 && visibility.allVisible();
    }

    /**
     * The same load, uncounted, until the JIT has compiled the hot paths of every part; then a wait until the
     * read model has caught up, so the measured run starts from an idle pipeline.
     */
    private void warmUp(String runId) throws InterruptedException {
        String service = "bench-tpw-" + runId;
        out.printf("  warming up for %d s (service %s, not counted)%n", options.warmupSeconds(), service);
        load(service, options.warmupSeconds());
        long warmedUp = accepted.sum();
        awaitVisible(new LedgerClient(options), service, warmedUp, System.nanoTime());
        accepted.reset();
        errors.reset();
        errorsSeen.set(0);
        firstErrors.clear();
    }

    /** Runs the clients for the given time; returns when the clock started. */
    private long load(String service, int seconds) throws InterruptedException {
        int clients = options.clients();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int clientIndex = i;
            Thread thread = new Thread(() -> send(service, clientIndex, ready, go, stop), "bench-client-" + i);
            thread.start();
            threads.add(thread);
        }
        // clients are built before the clock starts, so that setting them up is not counted as sending time
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        TimeUnit.SECONDS.sleep(seconds);
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        return start;
    }

    private void send(String service, int clientIndex, CountDownLatch ready, CountDownLatch go, AtomicBoolean stop) {
        // a client per thread; each thread keeps its own connection alive between requests
        LedgerClient client = new LedgerClient(options);
        ready.countDown();
        try {
            go.await();
            for (long sequence = 0; !stop.get(); sequence++) {
                String version = "1." + clientIndex + "." + sequence;
                try {
                    LedgerClient.Answer response = client.recordDeployment(service, version);
                    if (response.statusCode() == 201) {
                        accepted.increment();
                    } else {
                        error(response.statusCode() + " " + LedgerClient.brief(response.body()));
                    }
                } catch (IOException e) {
                    error(LedgerClient.describe(e));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void error(String description) {
        errors.increment();
        if (errorsSeen.incrementAndGet() <= ERRORS_SHOWN) {
            firstErrors.add(description);
        }
    }

    private Visibility awaitVisible(LedgerClient client, String service, long expected, long from)
            throws InterruptedException {
        OptionalLong lastSeen = OptionalLong.empty();
        do {
            try {
                lastSeen = client.totalItems(service);
            } catch (IOException e) {
                // the query API may be busy catching up; only the overall deadline decides
            }
            long now = System.nanoTime();
            // more than accepted is possible: a request that failed on the client side may still have been recorded
            if (lastSeen.isPresent() && lastSeen.getAsLong() >= expected) {
                return new Visibility(true, now, lastSeen);
            }
            Thread.sleep(POLL_PAUSE_MILLIS);
        } while (System.nanoTime() - from < VISIBILITY_TIMEOUT_NANOS);
        return new Visibility(false, 0, lastSeen);
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.1f", perSecond);
    }

    private record Visibility(boolean allVisible, long atNanos, OptionalLong lastSeen) {
    }
}
