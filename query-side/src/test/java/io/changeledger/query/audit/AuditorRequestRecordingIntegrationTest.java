package io.changeledger.query.audit;

import io.changeledger.query.TestCredentials;
import io.changeledger.query.LedgerApiIntegrationTest;
import io.changeledger.query.PinnedClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request to an audited path goes, through the outbox, to the command side's ingest topic as an
 * {@code auditor.query} item of the query side's Kafka source; other requests are not recorded.
 */
class AuditorRequestRecordingIntegrationTest extends LedgerApiIntegrationTest {

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    private RestClient api;

    /** each auditor's API token: who asks is the name of the token that authenticated the request */
    private final java.util.Map<String, String> tokens = new java.util.HashMap<>();

    @BeforeEach
    void ingestTopic() {
        IngestTopicReader.createTopic(kafka.getBootstrapServers());
        api = TestCredentials.clientBuilder(port)
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
    }

    private int get(String path, String auditor) {
        String token = auditor == null ? null : tokens.computeIfAbsent(auditor,
                name -> TestCredentials.issueToken(port, name, "auditor"));
        return api.get().uri(path).headers(headers -> {
            if (token != null) {
                headers.setBearerAuth(token);
            }
        }).retrieve().toBodilessEntity().getStatusCode().value();
    }

    @Test
    void sendsEachAuditedRequestWithWhoAskedWhatAndTheAnswerToTheIngestTopic() throws Exception {
        String auditor = "ivan-" + newId();
        String service = "recorded-" + newId();
        assertThat(get("/api/v1/changes?service=" + service, auditor)).isEqualTo(200);
        assertThat(get("/api/v1/audit/populations/changes?service=" + service + "&limit=2", auditor)).isEqualTo(200);
        assertThat(get("/api/v1/ledger/entries/999999999999", auditor)).isEqualTo(404);
        assertThat(get("/api/v1/audit/populations/grants?system=" + service, null)).isEqualTo(200);

        List<IngestTopicReader.Sent> sent = IngestTopicReader.readUntil(kafka.getBootstrapServers(),
                read -> read.stream().filter(record -> concerns(record, auditor, service)).count() >= 3);
        Map<String, IngestTopicReader.Sent> byPath = sent.stream().filter(record -> concerns(record, auditor, service))
                .collect(Collectors.toMap(record -> record.data().get("path").asString(), Function.identity()));

        assertThat(byPath).containsOnlyKeys("/api/v1/audit/populations/changes", "/api/v1/ledger/entries/999999999999",
                "/api/v1/audit/populations/grants");
        IngestTopicReader.Sent population = byPath.get("/api/v1/audit/populations/changes");
        assertThat(population.source()).isEqualTo("changeledger-query-side");
        assertThat(population.item().get("type").asString()).isEqualTo("auditor.query");
        assertThat(population.item().get("idempotencyKey").asString()).isEqualTo(population.key())
                .isEqualTo(population.data().get("queryId").asString());
        assertThat(population.data().get("auditor").asString()).isEqualTo(auditor);
        assertThat(population.data().get("authenticated").asBoolean()).isTrue();
        assertThat(population.data().get("method").asString()).isEqualTo("GET");
        assertThat(population.data().get("query").asString()).isEqualTo("service=" + service + "&limit=2");
        assertThat(population.data().get("status").asInt()).isEqualTo(200);
        assertThat(population.data().get("rowCount").asInt()).isZero();
        assertThat(population.data().get("occurredAt").asString()).isEqualTo(PinnedClock.NOW.toString());
        IngestTopicReader.Sent missing = byPath.get("/api/v1/ledger/entries/999999999999");
        assertThat(missing.data().get("status").asInt()).isEqualTo(404);
        assertThat(missing.data().has("rowCount")).isFalse();
        assertThat(byPath.get("/api/v1/audit/populations/grants").data().get("auditor").asString())
                .as("a request without a token of its own is the test client's bootstrap admin")
                .isEqualTo("bootstrap-admin");
        assertThat(outboxOf(auditor)).as("acknowledged records leave the outbox").isZero();
    }

    /** The records of the auditor still in the outbox, once the sender's transaction has had time to commit. */
    private long outboxOf(String auditor) throws InterruptedException {
        long left = 0;
        for (int i = 0; i < 100; i++) {
            left = jdbc.sql("select count(*) from auditor_request_outbox where auditor = ?").param(auditor)
                    .query(Long.class).single();
            if (left == 0) {
                break;
            }
            Thread.sleep(100);
        }
        return left;
    }

    /** A request of this test (not a token's record): by its auditor, or by the service its query names. */
    private static boolean concerns(IngestTopicReader.Sent record, String auditor, String service) {
        var data = record.data();
        return record.item().get("type").asString().equals("auditor.query")
                && (data.get("auditor").asString().equals(auditor)
                || data.has("query") && data.get("query").asString().contains(service));
    }
}
