package io.changeledger.benchmark;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class VisibilityPollerTest {

    private static final long MILLIS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void measuresFromWhenTheEventWasDueUntilTheQuerySideFirstShowsIt() throws Exception {
        Map<String, Long> visibleFrom = new ConcurrentHashMap<>();
        try (FakeLedger ledger = new FakeLedger().on("GET /api/v1/changes", request -> {
            Long from = visibleFrom.get(FakeLedger.parameter(request, "service"));
            long total = from != null && System.nanoTime() >= from ? 1 : 0;
            return FakeLedger.Reply.json(200, "{\"items\":[],\"page\":0,\"size\":1,\"totalItems\":" + total + "}");
        }); VisibilityPoller poller = new VisibilityPoller(ledger.options(), 2, 5 * MILLIS, 5_000 * MILLIS)) {
            long due = System.nanoTime();
            visibleFrom.put("svc-1", due + 150 * MILLIS);

            poller.follow("svc-1", due);

            assertThat(poller.awaitSettled(5_000 * MILLIS)).isTrue();
            assertThat(poller.latencies()).hasSize(1);
            // never before it was visible; later by at most a poll interval and a request, with room for a slow CI
            assertThat(poller.latencies()[0]).isBetween(150 * MILLIS, 650 * MILLIS);
            assertThat(poller.missingCount()).isZero();
            assertThat(poller.queries()).isGreaterThan(1);
        }
    }

    @Test
    void anEventTheQuerySideNeverShowsIsMissingOnceItsTimeIsUp() throws Exception {
        try (FakeLedger ledger = new FakeLedger().on("GET /api/v1/changes", request -> FakeLedger.Reply.json(200,
                "{\"items\":[],\"page\":0,\"size\":1,\"totalItems\":0}"));
             VisibilityPoller poller = new VisibilityPoller(ledger.options(), 1, 10 * MILLIS, 200 * MILLIS)) {

            poller.follow("never", System.nanoTime());

            assertThat(poller.awaitSettled(5_000 * MILLIS)).isTrue();
            assertThat(poller.latencies()).isEmpty();
            assertThat(poller.missingCount()).isEqualTo(1);
            assertThat(poller.missingShown()).containsExactly("never");
            assertThat(poller.followed()).isEqualTo(1);
        }
    }
}
