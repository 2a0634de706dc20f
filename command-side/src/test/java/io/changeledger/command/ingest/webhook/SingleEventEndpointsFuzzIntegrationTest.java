package io.changeledger.command.ingest.webhook;

import io.changeledger.command.HttpApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and mutated payloads for the endpoints that take one event (or one notification) a request, from a fixed
 * seed and correctly signed, so that they reach the parsers behind the signature check: whatever arrives, the
 * answer is never a 5xx, and the ledger holds exactly the new changes the answers say were recorded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = WebhookFixtures.SECRETS_KEY)
class SingleEventEndpointsFuzzIntegrationTest extends HttpApiTest {

    private static final String SECRET = "a secret of at least sixteen characters";
    private static final String[] FRAGMENTS = {"{", "}", "[", "]", ",", ":", "\"", "null", "true", "-1", "1e999",
            "\"\\u0000\"", "\"é\"", " ", "\n", "\"2026-13-45T99:99:99Z\"", "9223372036854775808"};

    @Test
    void neverAnswersWithAServerErrorNorRecordsMoreOrLessThanItSays() {
        String token = registerSource(uniqueSourceName("fuzz-ce"), "API", "");
        String github = uniqueSourceName("fuzz-gh");
        registerSource(github, "GITHUB", "\"secret\":\"" + SECRET + "\"");
        String gitlab = uniqueSourceName("fuzz-gl");
        registerSource(gitlab, "GITLAB", "\"secret\":\"" + SECRET + "\"");
        String terraform = uniqueSourceName("fuzz-tf");
        registerSource(terraform, "TERRAFORM", "\"secret\":\"" + SECRET + "\"");
        Random random = new Random(20261126);
        Map<String, Integer> seen = new TreeMap<>();
        for (int round = 0; round < 240; round++) {
            long before = changes();
            ResponseEntity<String> answer;
            String body;
            switch (round % 4) {
                case 0 -> {
                    body = mutate(random, cloudEvent(round), random.nextInt(4));
                    answer = send("/api/v1/cloudevents", "application/cloudevents+json",
                            Map.of("Authorization", "Bearer " + token), body);
                }
                case 1 -> {
                    body = mutate(random, WebhookFixtures.payload("github/deployment_status.json")
                            .put("fuzzRound", round).toString(),
                            random.nextInt(4));
                    answer = send("/api/v1/webhooks/github/" + github, "application/json", Map.of(
                            "X-GitHub-Event", "deployment_status", "X-GitHub-Delivery", "fuzz-" + round,
                            "X-Hub-Signature-256", WebhookFixtures.gitHubSignature(SECRET, utf8(body))), body);
                }
                case 2 -> {
                    body = mutate(random, WebhookFixtures.payload("gitlab/deployment.json")
                            .put("deployment_id", round).toString(), random.nextInt(4));
                    answer = send("/api/v1/webhooks/gitlab/" + gitlab, "application/json", Map.of(
                            "X-Gitlab-Event", "Deployment Hook", "X-Gitlab-Event-UUID", "fuzz-" + round,
                            "X-Gitlab-Token", SECRET), body);
                }
                default -> {
                    body = mutate(random, WebhookFixtures.payload("terraform/run_completed.json")
                            .put("run_id", "run-fuzz-" + round).toString(), random.nextInt(4));
                    answer = send("/api/v1/webhooks/terraform/" + terraform, "application/json", Map.of(
                            "X-TFE-Notification-Signature", WebhookFixtures.terraformSignature(SECRET, utf8(body))),
                            body);
                }
            }
            int status = answer.getStatusCode().value();
            assertThat(status).as("round %d: %s → %s", round, body, answer.getBody()).isLessThan(500);
            seen.merge(Integer.toString(status), 1, Integer::sum);
            assertThat(changes() - before).as("round %d: %s → %s", round, body, answer.getBody())
                    .isEqualTo(newChanges(status, answer.getBody()));
        }
        // the mutations reached accepted and refused payloads on every endpoint
        assertThat(seen).containsKeys("200", "201", "400");
    }

    /** The new changes an answer claims: a 201 for one event, or each new result of a notification list. */
    private static long newChanges(int status, String body) {
        if (status == 201) {
            return 1;
        }
        if (status != 200 || body == null || !body.contains("\"results\"")) {
            return 0;
        }
        long created = 0;
        for (JsonNode result : JSON.readTree(body).get("results")) {
            if (result.path("status").asString().equals("RECORDED") && !result.path("existing").asBoolean()) {
                created++;
            }
        }
        return created;
    }

    private ResponseEntity<String> send(String path, String contentType, Map<String, String> headers, String body) {
        return api.post().uri(path).contentType(MediaType.parseMediaType(contentType))
                .headers(sent -> headers.forEach(sent::set)).body(utf8(body)).retrieve().toEntity(String.class);
    }

    private long changes() {
        return jdbc.sql("""
                        select count(distinct aggregateidentifier) from command.domainevententry
                        where payloadtype like '%.change.%'""").query(Long.class).single();
    }

    private static String cloudEvent(int round) {
        return """
                {"specversion":"1.0","id":"fuzz-%d","source":"/argocd/fuzz",
                 "type":"dev.cdevents.service.deployed.0.2.0","data":{"context":{"version":"0.4.1","id":"fuzz-%d","source":"/argocd/fuzz",
                 "type":"dev.cdevents.service.deployed.0.2.0","timestamp":"2026-11-26T10:00:00Z"},
                 "subject":{"id":"fuzz-%d","source":"/argocd/fuzz","type":"service","content":{
                 "environment":{"id":"staging"},"artifactId":"pkg:generic/fuzz@1.%d.0"}}}}"""
                .formatted(round, round, round % 3, round);
    }

    /** Zero to three of: cut the body, drop a character, insert a JSON fragment. */
    private static String mutate(Random random, String body, int mutations) {
        StringBuilder text = new StringBuilder(body);
        for (int i = 0; i < mutations && !text.isEmpty(); i++) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(3)) {
                case 0 -> text.setLength(at);
                case 1 -> text.deleteCharAt(at);
                default -> text.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
            }
        }
        return text.toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
