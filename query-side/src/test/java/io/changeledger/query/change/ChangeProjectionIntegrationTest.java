package io.changeledger.query.change;

import io.changeledger.events.change.DeploymentRecorded;
import io.changeledger.events.wire.LedgerEnvelope;
import io.changeledger.query.LedgerApiIntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The skeleton's deployments, the consumer's guarantees and the list's basics. */
class ChangeProjectionIntegrationTest extends LedgerApiIntegrationTest {

    @Autowired
    private JdbcClient jdbc;

    @Test
    void projectsARecordedDeploymentAndServesIt() throws Exception {
        LedgerEnvelope deployment = deployment("checkout", "production", Instant.parse("2026-11-26T10:00:00Z"));
        send(deployment);

        JsonNode change = awaitChange(deployment.key());
        assertThat(change.get("id").asString()).isEqualTo(deployment.key());
        assertThat(change.get("kind").asString()).isEqualTo("DEPLOYMENT");
        assertThat(change.get("service").asString()).isEqualTo("checkout");
        assertThat(change.get("environment").asString()).isEqualTo("production");
        assertThat(change.get("version").asString()).isEqualTo("1.4.2");
        assertThat(change.get("actor").asString()).isEqualTo("alice");
        assertThat(change.get("ticket").asString()).isEqualTo("OPS-42");
        assertThat(change.get("occurredAt").asString()).isEqualTo("2026-11-26T10:00:00Z");
        assertThat(change.get("eventId").asString()).isEqualTo(deployment.eventId().toString());
        assertThat(change.get("globalSequence").asLong()).isEqualTo(deployment.globalSequence());
        assertThat(change.has("artifactDigest")).as("absent digest is left out").isFalse();
        assertThat(change.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(change.get("requester").asString()).isEqualTo("alice");
        assertThat(change.get("finishedAt").asString()).isEqualTo("2026-11-26T10:00:00Z");
        assertThat(change.get("details").get("kind").asString()).isEqualTo("DEPLOYMENT");
        assertThat(change.get("details").get("version").asString()).isEqualTo("1.4.2");
        assertThat(change.get("attributes").get("ticket").asString()).isEqualTo("OPS-42");
        assertThat(change.has("policy")).as("the skeleton's deployments carried no policy").isFalse();
        assertThat(change.get("history")).hasSize(1);
        assertThat(change.get("history").get(0).get("type").asString()).isEqualTo("DeploymentRecorded");
        assertThat(change.get("history").get(0).get("statusAfter").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void appliesAnEventDeliveredTwiceOnlyOnce() throws Exception {
        LedgerEnvelope deployment = deployment("payments", "production", Instant.now());
        LedgerEnvelope marker = deployment("payments", "production", Instant.now());
        // one partition keeps the order: once the marker is visible, both copies have been consumed
        sendToPartitionZero(deployment);
        sendToPartitionZero(deployment);
        sendToPartitionZero(marker);
        awaitChange(marker.key());

        assertThat(jdbc.sql("select count(*) from query.production_change where change_id = ?")
                .param(deployment.key()).query(Long.class).single()).isOne();
        assertThat(jdbc.sql("select count(*) from query.processed_event where event_id = ?")
                .param(deployment.eventId()).query(Long.class).single()).isOne();
    }

    @Test
    void parksARecordThatIsNotALedgerEventAndCarriesOn() throws Exception {
        String badKey = "bad-" + UUID.randomUUID();
        var bad = new ProducerRecord<String, byte[]>(TOPIC, badKey, "{\"hello\":1}".getBytes(StandardCharsets.UTF_8));
        bad.headers().add("event-type", "NoSuchEvent".getBytes(StandardCharsets.UTF_8))
                .add("event-revision", "1".getBytes(StandardCharsets.UTF_8));
        producer.send(bad).get();
        LedgerEnvelope good = deployment("search", "production", Instant.now());
        send(good);

        awaitChange(good.key());
        ConsumerRecord<String, byte[]> parked = awaitDeadLetter(badKey);
        assertThat(header(parked, "dlq-reason")).contains("unknown event type 'NoSuchEvent'");
        assertThat(header(parked, "dlq-original-topic")).isEqualTo(TOPIC);
        assertThat(header(parked, "event-type")).isEqualTo("NoSuchEvent");
        assertThat(new String(parked.value(), StandardCharsets.UTF_8)).isEqualTo("{\"hello\":1}");
    }

    @Test
    void listsChangesNewestFirstAndFiltersThem() throws Exception {
        String service = "billing-" + UUID.randomUUID();
        LedgerEnvelope older = deployment(service, "production", Instant.parse("2026-11-01T08:00:00Z"));
        LedgerEnvelope newer = deployment(service, "production", Instant.parse("2026-11-20T08:00:00Z"));
        LedgerEnvelope staging = deployment(service, "staging", Instant.parse("2026-11-10T08:00:00Z"));
        send(older);
        send(newer);
        send(staging);
        awaitChange(older.key());
        awaitChange(newer.key());
        awaitChange(staging.key());

        JsonNode all = get("/api/v1/changes?service=" + service).getBody();
        assertThat(ids(all)).containsExactly(newer.key(), staging.key(), older.key());
        assertThat(all.get("totalItems").asLong()).isEqualTo(3);

        assertThat(ids(get("/api/v1/changes?service=" + service + "&environment=production").getBody()))
                .containsExactly(newer.key(), older.key());
        assertThat(ids(get("/api/v1/changes?service=" + service
                + "&from=2026-11-05T00:00:00Z&to=2026-11-20T08:00:00Z").getBody()))
                .containsExactly(staging.key());

        JsonNode secondPage = get("/api/v1/changes?service=" + service + "&page=1&size=2").getBody();
        assertThat(ids(secondPage)).containsExactly(older.key());
        assertThat(secondPage.get("totalItems").asLong()).isEqualTo(3);
    }

    @Test
    void answersAnUnknownChangeWithAProblem() {
        ResponseEntity<JsonNode> answer = get("/api/v1/changes/" + UUID.randomUUID());
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody().get("title").asString()).isEqualTo("Change not found");
    }

    @Test
    void rejectsBadParametersWithAProblem() {
        for (String query : List.of("size=501", "size=0", "page=-1", "from=yesterday",
                "from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z")) {
            ResponseEntity<JsonNode> answer = get("/api/v1/changes?" + query);
            assertThat(answer.getStatusCode()).as(query).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(answer.getHeaders().getContentType()).as(query).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    private static LedgerEnvelope deployment(String service, String environment, Instant occurredAt) {
        return envelope(new DeploymentRecorded(newId(), service, environment, "1.4.2", null, "alice", "OPS-42", "api",
                occurredAt), Instant.now());
    }

    private void sendToPartitionZero(LedgerEnvelope envelope) throws Exception {
        var record = record(envelope);
        producer.send(new ProducerRecord<>(TOPIC, 0, record.key(), record.value(), record.headers())).get();
    }
}
