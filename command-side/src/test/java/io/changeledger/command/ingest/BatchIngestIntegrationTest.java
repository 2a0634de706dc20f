package io.changeledger.command.ingest;

import io.changeledger.command.HttpApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The batch API on a real PostgreSQL: per-item results, durable idempotency keys, and limits. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "changeledger.ingest.max-items=5",
        "changeledger.ingest.max-size=4KB"})
class BatchIngestIntegrationTest extends HttpApiTest {


    private String service;
    private String source;
    private String token;

    @BeforeEach
    void newServiceAndSource() {
        service = "svc-" + UUID.randomUUID();
        source = uniqueSourceName("argocd");
        token = registerSource(source, "API", "");
    }

    private ResponseEntity<String> postBatch(String contentType, String body) {
        return postBatch(token, contentType, body);
    }

    private ResponseEntity<String> postBatch(String token, String contentType, String body) {
        return api.post().uri("/api/v1/events").contentType(MediaType.parseMediaType(contentType))
                .headers(headers -> {
                    if (token != null) {
                        headers.setBearerAuth(token);
                    }
                }).body(body).retrieve().toEntity(String.class);
    }

    private JsonNode batch(String contentType, String body) {
        ResponseEntity<String> answer = postBatch(contentType, body);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        return JSON.readTree(answer.getBody());
    }

    private String deployment(String key, String version) {
        return """
                {"type":"deployment.recorded","idempotencyKey":"%s",
                 "data":{"service":"%s","environment":"staging","version":"%s","actor":"deploy-bot"}}"""
                .formatted(key, service, version).replace("\n", "");
    }

    private static List<String> statuses(JsonNode batch) {
        List<String> statuses = new ArrayList<>();
        batch.get("results").forEach(result -> statuses.add(result.get("status").asString()));
        return statuses;
    }

    @Test
    void recordsTheGoodItemsOfABatchAndRejectsEachBadOneWithItsReason() {
        long before = storedEvents();
        JsonNode batch = batch("application/json", "[" + String.join(",",
                deployment("k-1-" + service, "1.0.0"),
                """
                        {"type":"deployment.recorded","idempotencyKey":"k-2-%s","data":{"service":"%s"}}"""
                        .formatted(service, service),
                """
                        {"type":"deployment.rebooted","idempotencyKey":"k-3-%s","data":{}}""".formatted(service),
                """
                        {"type":"access.requested","idempotencyKey":"k-4-%s","data":{"principal":"alice",
                         "system":"%s","role":"viewer","justification":"x","duration":"P7D"}}"""
                        .formatted(service, service),
                deployment("k-5-" + service, "1.0.1")) + "]");

        assertThat(statuses(batch)).containsExactly("RECORDED", "REJECTED", "REJECTED", "REJECTED", "RECORDED");
        JsonNode results = batch.get("results");
        assertThat(results.get(1).get("reason").asString())
                .isEqualTo("Invalid fields: data.actor, data.environment, data.version");
        assertThat(results.get(2).get("reason").asString()).startsWith("unknown type 'deployment.rebooted'");
        assertThat(results.get(3).get("reason").asString()).contains("exceeds the policy's maximum of PT8H");
        assertThat(batch.get("recorded").asInt()).isEqualTo(2);
        assertThat(batch.get("rejected").asInt()).isEqualTo(3);
        assertThat(storedEvents()).isEqualTo(before + 2);
    }

    @Test
    void answersARepeatedKeyAsADuplicateOfTheOriginalAndRecordsNothingMore() {
        String key = "delivery-" + service;
        JsonNode first = batch("application/json", "[" + deployment(key, "2.0.0") + "]");
        String original = first.get("results").get(0).get("id").asString();
        long before = storedEvents();

        JsonNode again = batch("application/json", "[" + deployment(key, "2.0.0") + "," + deployment(key, "2.0.0")
                + "]");

        assertThat(statuses(again)).containsExactly("DUPLICATE", "DUPLICATE");
        assertThat(again.get("results").get(0).get("id").asString()).isEqualTo(original);
        assertThat(storedEvents()).isEqualTo(before);
        JsonNode reused = batch("application/json", "[" + deployment(key, "2.0.1") + "]");
        assertThat(reused.get("results").get(0).get("reason").asString()).contains("was used before for a different event");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void keepsNoKeyOfARejectedItemSoThatItCanBeSentAgain() {
        String key = "retry-" + service;
        String tooLong = """
                {"type":"access.requested","idempotencyKey":"%s","data":{"principal":"alice","system":"%s",
                 "role":"viewer","justification":"x","duration":"%s"}}""";
        assertThat(statuses(batch("application/json", "[" + tooLong.formatted(key, service, "P7D") + "]")))
                .containsExactly("REJECTED");
        assertThat(statuses(batch("application/json", "[" + tooLong.formatted(key, service, "PT2H") + "]")))
                .containsExactly("RECORDED");
    }

    @Test
    void readsNdjsonAndRejectsOnlyTheLineThatIsNotJson() {
        long before = storedEvents();
        JsonNode batch = batch("application/x-ndjson", deployment("n-1-" + service, "3.0.0") + "\n{not json\n"
                + deployment("n-2-" + service, "3.0.1") + "\n");

        assertThat(statuses(batch)).containsExactly("RECORDED", "REJECTED", "RECORDED");
        assertThat(storedEvents()).isEqualTo(before + 2);
    }

    @Test
    void refusesAnOversizeBatchAsAWholeAndRecordsNothing() {
        long before = storedEvents();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            items.add("{\"type\":\"deployment.recorded\",\"idempotencyKey\":\"o-" + i + "\",\"data\":{}}");
        }
        ResponseEntity<String> tooMany = postBatch("application/json", "[" + String.join(",", items) + "]");
        assertThat(tooMany.getStatusCode().value()).isEqualTo(413);
        assertThat(tooMany.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        ResponseEntity<String> tooBig = postBatch("application/json", "[" + deployment("big-" + service,
                "x".repeat(5_000)) + "]");
        assertThat(tooBig.getStatusCode().value()).isEqualTo(413);
        assertThat(postBatch("application/json", "{\"type\":\"deployment.recorded\"}").getStatusCode().value())
                .isEqualTo(400);
        assertThat(postBatch("application/json", "[{not json").getStatusCode().value()).isEqualTo(400);
        assertThat(storedEvents()).isEqualTo(before);
    }
}
