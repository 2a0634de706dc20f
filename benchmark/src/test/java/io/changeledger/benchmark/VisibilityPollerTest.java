package io.changeledger.benchmark;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class VisibilityPollerTest {

    private static final long MILLIS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final String SERVICE = "bench-run-batch-latency-sampled";

    /** When each version becomes visible, by System.nanoTime(); asked only for {@link #SERVICE}. */
    private final Map<String, Long> visibleFrom = new ConcurrentHashMap<>();
    private final Map<String, String> fromAsked = new ConcurrentHashMap<>();

    private FakeLedger ledger() throws Exception {
        return new FakeLedger().on("GET /api/v1/changes", request -> {
            fromAsked.put("last", FakeLedger.parameter(request, "from"));
            long now = System.nanoTime();
            String items = !SERVICE.equals(FakeLedger.parameter(request, "service")) ? "" : visibleFrom.entrySet()
                    .stream().filter(entry -> now >= entry.getValue())
                    .map(entry -> "{\"version\":\"" + entry.getKey() + "\",\"details\":{\"version\":\""
                            + entry.getKey() + "\"}}")
                    .collect(Collectors.joining(","));
            return FakeLedger.Reply.json(200, "{\"items\":[" + items + "],\"page\":0,\"size\":500,\"totalItems\":0}");
        });
    }

    private static IngestEvent sampled(String version, Instant occurredAt) {
        return new IngestEvent("key-" + version, SERVICE, "benchmark", version, occurredAt);
    }

    @Test
    void measuresFromWhenTheEventWasDueUntilTheQuerySideFirstShowsIt() throws Exception {
        try (FakeLedger ledger = ledger();
             VisibilityPoller poller = new VisibilityPoller(ledger.options(), SERVICE, 5 * MILLIS, 5_000 * MILLIS)) {
            long due = System.nanoTime();
            visibleFrom.put("latency.0", due + 150 * MILLIS);

            poller.follow(sampled("latency.0", Instant.parse("2026-12-07T02:00:00.123Z")), due);

            assertThat(poller.awaitSettled(5_000 * MILLIS)).isTrue();
            assertThat(poller.latencies()).hasSize(1);
            // never before it was visible; later by at most a poll interval and a request, with room for a slow CI
            assertThat(poller.latencies()[0]).isBetween(150 * MILLIS, 650 * MILLIS);
            assertThat(poller.missingCount()).isZero();
            // from a second before the oldest event it looks for
            assertThat(fromAsked.get("last")).isEqualTo("2026-12-07T01:59:59.123Z");
        }
    }

    @Test
    void asksOnceAnIntervalHoweverManyEventsItFollows() throws Exception {
        try (FakeLedger ledger = ledger();
             VisibilityPoller poller = new VisibilityPoller(ledger.options(), SERVICE, 20 * MILLIS, 5_000 * MILLIS)) {
            long due = System.nanoTime();
            Instant now = Instant.now();
            for (int i = 0; i < 100; i++) {
                visibleFrom.put("latency." + i, due + 300 * MILLIS);
                poller.follow(sampled("latency." + i, now), due);
            }

            assertThat(poller.awaitSettled(5_000 * MILLIS)).isTrue();
            long took = System.nanoTime() - due;

            assertThat(poller.latencies()).hasSize(100);
            assertThat(poller.queries()).isBetween(2L, took / (20 * MILLIS) + 2);
        }
    }

    @Test
    void anEventTheQuerySideNeverShowsIsMissingOnceItsTimeIsUp() throws Exception {
        try (FakeLedger ledger = ledger();
             VisibilityPoller poller = new VisibilityPoller(ledger.options(), SERVICE, 10 * MILLIS, 200 * MILLIS)) {

            poller.follow(sampled("latency.7", Instant.now()), System.nanoTime());

            assertThat(poller.awaitSettled(5_000 * MILLIS)).isTrue();
            assertThat(poller.latencies()).isEmpty();
            assertThat(poller.missingCount()).isEqualTo(1);
            assertThat(poller.missingShown()).containsExactly("latency.7");
            assertThat(poller.followed()).isEqualTo(1);
        }
    }
}
