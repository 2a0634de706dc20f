package io.changeledger.benchmark;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class BatchIngestPathTest {

    private static final PartEvents EVENTS = new PartEvents("run", "batch", "latency", "benchmark", 0);

    private static FakeLedger.Reply registered(FakeLedger.Request request) {
        return FakeLedger.Reply.json(201, "{\"name\":\"bench-batch-run\",\"kind\":\"API\",\"credential\":\"clt_t\","
                + "\"use\":\"Authorization: Bearer\"}");
    }

    /** Every item recorded, as the batch API answers a good batch. */
    private static FakeLedger.Reply recordedAll(FakeLedger.Request request) {
        int items = request.body().split("\"idempotencyKey\"", -1).length - 1;
        return FakeLedger.Reply.json(200, "{\"recorded\":" + items + ",\"duplicates\":0,\"rejected\":0,"
                + "\"results\":[]}");
    }

    @Test
    void registersAnApiSourceAndSendsItsEventsWithItsToken() throws Exception {
        AtomicInteger registrations = new AtomicInteger();
        try (FakeLedger ledger = new FakeLedger()
                .on("POST /api/v1/admin/sources", request -> {
                    registrations.incrementAndGet();
                    assertThat(request.body()).contains("\"kind\":\"API\"", "\"ratePerSecond\":1000000");
                    return registered(request);
                })
                .on("POST /api/v1/events", request -> request.headers().get("authorization").equals("Bearer clt_t")
                        ? recordedAll(request) : FakeLedger.Reply.json(401, "{}"));
             BatchIngestPath path = BatchIngestPath.open(ledger.options(), "run")) {
            PhaseTally tally = new PhaseTally(1);

            path.send(EVENTS.tick(Schedule.of(10, 10, 0), 0), 0, System.nanoTime(), tally);

            assertThat(registrations).hasValue(1);
            assertThat(tally.recorded.sum()).isEqualTo(10);
            assertThat(tally.failed.sum()).isZero();
            assertThat(path.settle(tally, 0).recorded()).isEqualTo(10);
            assertThat(tally.settleTimes()).hasSize(1);
        }
    }

    @Test
    void sendsARateLimitedBatchAgainAfterTheTimeTheLedgerAsksFor() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        try (FakeLedger ledger = new FakeLedger()
                .on("POST /api/v1/admin/sources", BatchIngestPathTest::registered)
                .on("POST /api/v1/events", request -> attempts.incrementAndGet() == 1
                        ? new FakeLedger.Reply(429, Map.of("Retry-After", "0"), "{\"title\":\"Too many events\"}")
                        : recordedAll(request));
             BatchIngestPath path = BatchIngestPath.open(ledger.options(), "run")) {
            PhaseTally tally = new PhaseTally(1);

            path.send(EVENTS.tick(Schedule.of(3, 3, 0), 0), 0, System.nanoTime(), tally);

            assertThat(attempts).hasValue(2);
            assertThat(tally.retries.sum()).isEqualTo(1);
            assertThat(tally.recorded.sum()).isEqualTo(3);
        }
    }

    @Test
    void countsRejectedItemsWithTheirReasons() throws Exception {
        try (FakeLedger ledger = new FakeLedger()
                .on("POST /api/v1/admin/sources", BatchIngestPathTest::registered)
                .on("POST /api/v1/events", request -> FakeLedger.Reply.json(200, """
                        {"recorded":1,"duplicates":0,"rejected":1,"results":[{"index":0,"status":"RECORDED",\
                        "id":"c"},{"index":1,"status":"REJECTED","rejection":"OUT_OF_SCOPE",\
                        "reason":"source may not report deployment.recorded"}]}"""));
             BatchIngestPath path = BatchIngestPath.open(ledger.options(), "run")) {
            PhaseTally tally = new PhaseTally(1);

            path.send(EVENTS.tick(Schedule.of(2, 2, 0), 0), 0, System.nanoTime(), tally);

            IngestPath.Settlement settlement = path.settle(tally, 0);
            assertThat(settlement.recorded()).isEqualTo(1);
            assertThat(settlement.rejected()).isEqualTo(1);
            assertThat(tally.errors()).containsExactly("rejected: source may not report deployment.recorded");
        }
    }

    @Test
    void aBatchTheLedgerRefusesOutrightNeverReachedIt() throws Exception {
        try (FakeLedger ledger = new FakeLedger()
                .on("POST /api/v1/admin/sources", BatchIngestPathTest::registered)
                .on("POST /api/v1/events", request -> FakeLedger.Reply.json(413,
                        "{\"title\":\"Batch too large\"}"));
             BatchIngestPath path = BatchIngestPath.open(ledger.options(), "run")) {
            PhaseTally tally = new PhaseTally(1);

            path.send(List.of(EVENTS.event(0), EVENTS.event(1)), 0, System.nanoTime(), tally);

            assertThat(tally.failed.sum()).isEqualTo(2);
            assertThat(tally.recorded.sum()).isZero();
            assertThat(tally.errors()).singleElement().asString().contains("413");
        }
    }

    @Test
    void aRefusedRegistrationSaysWhatTheLedgerAnswered() throws Exception {
        try (FakeLedger ledger = new FakeLedger().on("POST /api/v1/admin/sources", request -> FakeLedger.Reply.json(
                409, "{\"detail\":\"A source named bench-batch-run is registered already\"}"))) {

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> BatchIngestPath.open(ledger.options(), "run"))
                    .hasMessageContaining("409").hasMessageContaining("registered already");
        }
    }
}
