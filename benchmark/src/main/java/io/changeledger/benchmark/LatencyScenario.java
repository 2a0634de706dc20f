package io.changeledger.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Sequential end-to-end latency: one deployment at a time, from just before the POST is sent until the query API
 * first answers 200 for its id. One request in flight keeps queueing out of the numbers, so they show the path
 * command API → event store → Kafka → read model → query API, not the load.
 */
final class LatencyScenario {

    private static final long VISIBILITY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    // short enough not to dominate a millisecond-scale pipeline, long enough not to flood the query API
    private static final long POLL_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    // when the system is down every item would wait out its full timeout; a streak like this means it is down
    private static final int GIVE_UP_AFTER_CONSECUTIVE_FAILURES = 10;
    private static final int FAILURES_SHOWN = 5;

    private final BenchmarkOptions options;
    private final LedgerClient client;
    private final PrintStream out;
    private final PrintStream progress;

    private int failures;
    private int consecutiveFailures;

    LatencyScenario(BenchmarkOptions options, PrintStream out, PrintStream progress) {
        this.options = options;
        this.client = new LedgerClient(options);
        this.out = out;
        this.progress = progress;
    }

    /** @return whether every deployment, warm-up included, was accepted and became visible */
    boolean run(String runId) throws InterruptedException {
        String service = "bench-" + runId;
        int count = options.latencyCount();
        out.printf("%nLatency, sequential: %d deployments after %d warm-up, service %s%n",
                count, options.warmup(), service);

        for (int i = 0; i < options.warmup() && !givenUp(); i++) {
            measure(service, "0.0." + i);
        }
        int warmupFailures = failures;

        long[] postNanos = new long[count];
        long[] visibleNanos = new long[count];
        int measured = 0;
        int attempted = 0;
        int progressStep = Math.max(count / 10, 1);
        while (attempted < count && !givenUp()) {
            Optional<Sample> sample = measure(service, "1.0." + attempted);
            attempted++;
            if (sample.isPresent()) {
                postNanos[measured] = sample.get().postNanos();
                visibleNanos[measured] = sample.get().visibleNanos();
                measured++;
            }
            if (count >= 100 && attempted % progressStep == 0) {
                progress.printf("  latency: %d/%d%n", attempted, count);
            }
        }

        if (givenUp()) {
            out.printf("  gave up after %d consecutive failures; the %d deployments not sent count as failed%n",
                    GIVE_UP_AFTER_CONSECUTIVE_FAILURES, count - attempted);
        }
        report(postNanos, visibleNanos, measured, count - measured, warmupFailures);
        return failures == 0;
    }

    private boolean givenUp() {
        return consecutiveFailures >= GIVE_UP_AFTER_CONSECUTIVE_FAILURES;
    }

    private Optional<Sample> measure(String service, String version) throws InterruptedException {
        String step = "POST " + options.commandUrl();
        long start = System.nanoTime();
        try {
            LedgerClient.Answer posted = client.recordDeployment(service, version);
            long accepted = System.nanoTime();
            if (posted.statusCode() != 201) {
                return failed("POST answered " + posted.statusCode() + ": " + LedgerClient.brief(posted.body()));
            }
            Optional<String> id = LedgerClient.idOf(posted.body());
            if (id.isEmpty()) {
                return failed("201 without an id: " + LedgerClient.brief(posted.body()));
            }
            step = "GET " + options.queryUrl();
            int status;
            long now;
            do {
                status = client.changeStatus(id.get());
                now = System.nanoTime();
                if (status == 200) {
                    consecutiveFailures = 0;
                    return Optional.of(new Sample(accepted - start, now - start));
                }
                LockSupport.parkNanos(POLL_PAUSE_NANOS);
            } while (now - start < VISIBILITY_TIMEOUT_NANOS);
            return failed("change " + id.get() + " not visible after "
                    + TimeUnit.NANOSECONDS.toSeconds(VISIBILITY_TIMEOUT_NANOS) + " s, last status " + status);
        } catch (IOException e) {
            return failed(step + ": " + LedgerClient.describe(e));
        }
    }

    private Optional<Sample> failed(String reason) {
        failures++;
        consecutiveFailures++;
        if (failures <= FAILURES_SHOWN) {
            out.println("  failure: " + reason);
        } else if (failures == FAILURES_SHOWN + 1) {
            out.println("  (further failures are counted, not shown)");
        }
        return Optional.empty();
    }

    private void report(long[] postNanos, long[] visibleNanos, int measured, int measuredFailures,
                        int warmupFailures) {
        if (measured == 0) {
            out.println("  no successful deployments to measure");
            out.printf("  failed: %d measured, %d warm-up%n", measuredFailures, warmupFailures);
            out.printf("RESULT latency n=0 failures=%d warmup_failures=%d%n", measuredFailures, warmupFailures);
            return;
        }
        LatencyStats post = LatencyStats.of(postNanos, measured);
        LatencyStats visible = LatencyStats.of(visibleNanos, measured);
        out.printf("  %-22s %10s %10s %10s %10s%n", "(ms)", "p50", "p90", "p99", "max");
        row("POST until 201", post);
        row("POST until visible", visible);
        out.printf("  measured %d, failed: %d measured, %d warm-up%n", measured, measuredFailures, warmupFailures);
        out.printf("RESULT latency n=%d failures=%d warmup_failures=%d p50_ms=%s p90_ms=%s p99_ms=%s max_ms=%s"
                        + " post_p50_ms=%s post_p99_ms=%s%n",
                measured, measuredFailures, warmupFailures,
                LatencyStats.millis(visible.percentile(50)), LatencyStats.millis(visible.percentile(90)),
                LatencyStats.millis(visible.percentile(99)), LatencyStats.millis(visible.max()),
                LatencyStats.millis(post.percentile(50)), LatencyStats.millis(post.percentile(99)));
    }

    private void row(String label, LatencyStats stats) {
        out.printf("  %-22s %10s %10s %10s %10s%n", label,
                LatencyStats.millis(stats.percentile(50)), LatencyStats.millis(stats.percentile(90)),
                LatencyStats.millis(stats.percentile(99)), LatencyStats.millis(stats.max()));
    }

    private record Sample(long postNanos, long visibleNanos) {
    }
}
