package io.changeledger.command.ingest;

import io.changeledger.command.TestCredentials;
import io.changeledger.command.Infrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and mutated batches, from a fixed seed: whatever arrives, the answer is never a 5xx, and the ledger holds
 * exactly one new change per item the answer says it recorded as new, no more and no less.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(Infrastructure.class)
class BatchIngestFuzzIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] FRAGMENTS = {"{", "}", "[", "]", ",", ":", "\"", "null", "true", "-1", "1e999",
            "\"type\"", "\"data\"", "\"idempotencyKey\"", "\"\\u0000\"", "\"é\"", "{\"kind\":\"REBOOT\"}", " ", "\n"};

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void neverAnswersWithAServerErrorNorRecordsMoreOrLessThanItSays() {
        RestClient api = TestCredentials.clientBuilder(port)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
        String token = JSON.readTree(api.post().uri("/api/v1/admin/sources").contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"fuzz\",\"kind\":\"API\",\"registeredBy\":\"admin\"}").retrieve()
                .body(String.class)).get("credential").asString();
        Random random = new Random(20261126);
        Map<String, Integer> seen = new TreeMap<>();
        for (int round = 0; round < 300; round++) {
            String body = mutate(random, validBatch(random, round), random.nextInt(4));
            String contentType = random.nextInt(4) == 0 ? "application/x-ndjson" : "application/json";
            if (contentType.endsWith("ndjson")) {
                body = body.replace("},{", "}\n{");
            }
            long before = changes();
            ResponseEntity<String> answer = api.post().uri("/api/v1/events")
                    .contentType(MediaType.parseMediaType(contentType)).headers(headers -> headers.setBearerAuth(token))
                    .body(body.getBytes(StandardCharsets.UTF_8)).retrieve().toEntity(String.class);

            assertThat(answer.getStatusCode().value()).as("round %d: %s", round, body)
                    .isIn(200, 400, 413);
            seen.merge(Integer.toString(answer.getStatusCode().value()), 1, Integer::sum);
            long recordedAsNew = 0;
            if (answer.getStatusCode().value() == 200) {
                JsonNode results = JSON.readTree(answer.getBody()).get("results");
                for (JsonNode result : results) {
                    assertThat(result.get("status").asString()).isIn("RECORDED", "DUPLICATE", "REJECTED");
                    seen.merge(result.get("status").asString(), 1, Integer::sum);
                    if (result.get("status").asString().equals("RECORDED") && !result.get("existing").asBoolean()) {
                        recordedAsNew++;
                    }
                }
            }
            assertThat(changes() - before).as("round %d: %s", round, body).isEqualTo(recordedAsNew);
        }
        // the mutations reached every outcome, so the property was checked on each of them
        assertThat(seen).containsKeys("200", "400", "RECORDED", "DUPLICATE", "REJECTED");
    }

    private long changes() {
        return jdbc.sql("select count(distinct aggregateidentifier) from command.domainevententry")
                .query(Long.class).single();
    }

    /** A few deployments to staging, some sent twice, some reusing a key for another deployment. */
    private static String validBatch(Random random, int round) {
        List<String> items = new ArrayList<>();
        int size = 1 + random.nextInt(4);
        for (int i = 0; i < size; i++) {
            if (i > 0 && random.nextInt(4) == 0) {
                items.add(items.get(i - 1));
                continue;
            }
            String key = "fuzz-" + round + "-" + (random.nextInt(5) == 0 ? 0 : i);
            items.add("""
                    {"type":"deployment.recorded","idempotencyKey":"%s","data":{"service":"fuzz-%d",\
                    "environment":"staging","version":"1.%d.%d","actor":"deploy-bot"}}"""
                    .formatted(key, random.nextInt(3), round, i));
        }
        return "[" + String.join(",", items) + "]";
    }

    /** Zero to three of: cut the body, drop a character, insert a JSON fragment, change a value's type. */
    private static String mutate(Random random, String body, int mutations) {
        StringBuilder text = new StringBuilder(body);
        for (int i = 0; i < mutations && !text.isEmpty(); i++) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(5)) {
                case 0 -> text.setLength(at);
                case 1 -> text.deleteCharAt(at);
                case 2 -> text.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                case 3 -> replaceFirst(text, Set.of("\"staging\"", "\"deploy-bot\"", "\"fuzz\"")
                        .stream().skip(random.nextInt(3)).findFirst().orElseThrow(),
                        List.of("42", "null", "[]", "{}", "\"\"").get(random.nextInt(5)));
                default -> replaceFirst(text, "\"deployment.recorded\"",
                        List.of("\"access.requested\"", "\"change.reported\"", "7", "\"\"").get(random.nextInt(4)));
            }
        }
        return text.toString();
    }

    private static void replaceFirst(StringBuilder text, String target, String replacement) {
        int at = text.indexOf(target);
        if (at >= 0) {
            text.replace(at, at + target.length(), replacement);
        }
    }
}
