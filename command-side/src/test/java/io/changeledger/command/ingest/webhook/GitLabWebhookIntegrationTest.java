package io.changeledger.command.ingest.webhook;

import io.changeledger.command.HttpApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static io.changeledger.command.ingest.webhook.WebhookFixtures.bytes;
import static io.changeledger.command.ingest.webhook.WebhookFixtures.payload;
import static org.assertj.core.api.Assertions.assertThat;

/** GitLab deployment webhooks on a real PostgreSQL, with the secret token as GitLab sends it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = WebhookFixtures.SECRETS_KEY)
class GitLabWebhookIntegrationTest extends HttpApiTest {

    private static final String SHA = "4be9d1c2a07f5e3b8c6d9a1e2f3b4c5d6e7f8a90";

    private String service;
    private String source;
    private String token;

    @BeforeEach
    void newSourceAndService() {
        service = "svc-" + UUID.randomUUID();
        source = uniqueSourceName("gitlab");
        token = registerSource(source, "GITLAB", "");
    }

    @Test
    void recordsARunningThenSuccessfulDeploymentAsOneChangeStartedThenCompleted() {
        ResponseEntity<String> running = deliver(source, token, uuid(), deployment("running",
                "2025-03-04 11:40:02 +0100"));
        ResponseEntity<String> succeeded = deliver(source, token, uuid(), deployment("success",
                "2025-03-04 11:42:17 +0100"));

        assertThat(running.getStatusCode().value()).as(running.getBody()).isEqualTo(201);
        assertThat(succeeded.getStatusCode().value()).as(succeeded.getBody()).isEqualTo(200);
        String id = json(running).get("id").asString();
        assertThat(json(succeeded).get("id").asString()).isEqualTo(id);
        assertThat(eventTypes(id)).filteredOn(type -> !type.equals("ControlViolationDetected"))
                .containsExactly("ChangeRecorded", "ChangeCompleted");
        JsonNode recorded = stored(id, "ChangeRecorded");
        assertThat(recorded.get("outcome").asString()).isEqualTo("STARTED");
        assertThat(recorded.get("service").asString()).isEqualTo(service);
        assertThat(recorded.get("details").get("version").asString()).isEqualTo(SHA);
        assertThat(recorded.get("actor").asString()).isEqualTo("ada");
        assertThat(recorded.get("occurredAt").asString()).isEqualTo("2025-03-04T10:40:02Z");
        assertThat(recorded.get("evidence").get(0).get("url").asString())
                .isEqualTo("https://gitlab.acme.example/platform/billing-service/-/jobs/96302");
        assertThat(stored(id, "ChangeCompleted").get("occurredAt").asString()).isEqualTo("2025-03-04T10:42:17Z");
    }

    @Test
    void recordsACanceledDeploymentAsAFailedChangeMarkedCanceled() {
        ResponseEntity<String> canceled = deliver(source, token, uuid(), deployment("canceled",
                "2025-03-04 11:42:17 +0100"));

        assertThat(canceled.getStatusCode().value()).as(canceled.getBody()).isEqualTo(201);
        JsonNode recorded = stored(json(canceled).get("id").asString(), "ChangeRecorded");
        assertThat(recorded.get("outcome").asString()).isEqualTo("FAILED");
        assertThat(recorded.get("attributes").get("canceled").asString()).isEqualTo("true");
    }

    @Test
    void answersARepeatedDeliveryAsADuplicateAndStoresNothingMore() {
        String uuid = uuid();
        byte[] body = deployment("success", "2025-03-04 11:42:17 +0100");
        String id = json(deliver(source, token, uuid, body)).get("id").asString();
        long before = storedEvents();

        ResponseEntity<String> again = deliver(source, token, uuid, body);

        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(json(again).get("status").asString()).isEqualTo("DUPLICATE");
        assertThat(json(again).get("id").asString()).isEqualTo(id);
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void refusesAWrongMissingOrUnknownSourcesTokenWith401AndStoresNothing() {
        byte[] body = deployment("success", "2025-03-04 11:42:17 +0100");
        long before = storedEvents();

        ResponseEntity<String> wrong = deliver(source, "not-the-token-of-this-source", uuid(), body);
        ResponseEntity<String> missing = deliver(source, null, uuid(), body);
        ResponseEntity<String> unknown = deliver("nobody-" + UUID.randomUUID(), token, uuid(), body);

        assertThat(wrong.getStatusCode().value()).isEqualTo(401);
        assertThat(missing.getStatusCode().value()).isEqualTo(401);
        assertThat(json(missing).get("detail").asString()).contains("X-Gitlab-Token");
        assertThat(unknown.getStatusCode().value()).isEqualTo(401);
        assertThat(json(unknown).get("detail")).isEqualTo(json(wrong).get("detail"));
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void acceptsButRecordsNothingForOtherEventsAndForADeploymentOnlyCreated() {
        long before = storedEvents();

        ResponseEntity<String> push = deliver(source, token, uuid(), "Push Hook",
                "{\"object_kind\":\"push\"}".getBytes(StandardCharsets.UTF_8));
        ResponseEntity<String> created = deliver(source, token, uuid(), deployment("created",
                "2025-03-04 11:39:40 +0100"));

        assertThat(push.getStatusCode().value()).isEqualTo(202);
        assertThat(json(push).get("reason").asString()).contains("'Push Hook' is not recorded");
        assertThat(created.getStatusCode().value()).isEqualTo(202);
        assertThat(json(created).get("status").asString()).isEqualTo("IGNORED");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void refusesADeploymentOfAServiceOutsideTheSourcesScopeWith403() {
        String scoped = uniqueSourceName("gitlab-scoped");
        String scopedToken = registerSource(scoped, "GITLAB", """
                "scope":{"systems":["someone-elses-service"]}""");
        long before = storedEvents();

        ResponseEntity<String> answer = deliver(scoped, scopedToken, uuid(), deployment("success",
                "2025-03-04 11:42:17 +0100"));

        assertThat(answer.getStatusCode().value()).isEqualTo(403);
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void answersABodyThatIsNotJsonWith400AndAnIncompleteDeploymentWith422() {
        ObjectNode anonymous = payload("gitlab/deployment.json");
        anonymous.remove("user");

        ResponseEntity<String> broken = deliver(source, token, uuid(),
                "{\"object_kind\":".getBytes(StandardCharsets.UTF_8));
        ResponseEntity<String> incomplete = deliver(source, token, uuid(), bytes(anonymous));

        assertThat(broken.getStatusCode().value()).isEqualTo(400);
        assertThat(incomplete.getStatusCode().value()).isEqualTo(422);
        assertThat(json(incomplete).get("errors").get(0).get("field").asString()).isEqualTo("user.username");
    }

    @Test
    void refusesADeliveryWithoutTheEventUuidItWouldKnowARedeliveryBy() {
        ResponseEntity<String> answer = deliver(source, token, null, deployment("success",
                "2025-03-04 11:42:17 +0100"));

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(json(answer).get("detail").asString()).contains("X-Gitlab-Event-UUID");
    }

    private byte[] deployment(String status, String changedAt) {
        ObjectNode deployment = payload("gitlab/deployment.json").put("status", status)
                .put("status_changed_at", changedAt);
        ((ObjectNode) deployment.get("project")).put("name", service);
        return bytes(deployment);
    }

    private static String uuid() {
        return UUID.randomUUID().toString();
    }

    private ResponseEntity<String> deliver(String source, String token, String uuid, byte[] body) {
        return deliver(source, token, uuid, GitLabDeployments.EVENT, body);
    }

    private ResponseEntity<String> deliver(String source, String token, String uuid, String event, byte[] body) {
        return api.post().uri("/api/v1/webhooks/gitlab/{source}", source).contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    headers.set(GitLabWebhookController.EVENT, event);
                    if (uuid != null) {
                        headers.set(GitLabWebhookController.EVENT_UUID, uuid);
                    }
                    if (token != null) {
                        headers.set(GitLabWebhookController.TOKEN, token);
                    }
                }).body(body).retrieve().toEntity(String.class);
    }
}
