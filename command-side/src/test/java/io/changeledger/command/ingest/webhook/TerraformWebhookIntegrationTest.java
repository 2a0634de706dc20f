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
import static io.changeledger.command.ingest.webhook.WebhookFixtures.terraformSignature;
import static org.assertj.core.api.Assertions.assertThat;

/** HCP Terraform run notifications on a real PostgreSQL, signed as HCP Terraform signs them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = WebhookFixtures.SECRETS_KEY)
class TerraformWebhookIntegrationTest extends HttpApiTest {

    private String workspace;
    private String run;
    private String source;
    private String token;

    @BeforeEach
    void newSourceAndWorkspace() {
        workspace = "ws-" + UUID.randomUUID();
        run = "run-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        source = uniqueSourceName("terraform");
        token = registerSource(source, "TERRAFORM", "");
    }

    @Test
    void recordsAnAppliedRunAsACompletedConfigurationChangeInTheEnvironmentTheUrlNames() {
        ResponseEntity<String> answer = signed("?environment=staging", notification("run:completed", "applied"));

        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        JsonNode result = json(answer).get("results").get(0);
        assertThat(json(answer).get("recorded").asInt()).isEqualTo(1);
        assertThat(result.get("trigger").asString()).isEqualTo("run:completed");
        assertThat(result.get("status").asString()).isEqualTo("RECORDED");
        String id = result.get("id").asString();
        assertThat(eventTypes(id)).filteredOn(type -> !type.equals("ControlViolationDetected"))
                .containsExactly("ChangeRecorded");
        JsonNode recorded = stored(id, "ChangeRecorded");
        assertThat(recorded.get("outcome").asString()).isEqualTo("COMPLETED");
        assertThat(recorded.get("service").asString()).isEqualTo(workspace);
        assertThat(recorded.get("environment").asString()).isEqualTo("staging");
        assertThat(recorded.get("actor").asString()).isEqualTo("grace");
        assertThat(recorded.get("details").get("kind").asString()).isEqualTo("CONFIGURATION_CHANGE");
        assertThat(recorded.get("details").get("item").asString()).isEqualTo("terraform:acme/" + workspace);
        assertThat(recorded.get("details").get("toRevision").asString()).isEqualTo(run);
        assertThat(recorded.get("evidence").get(0).get("type").asString()).isEqualTo("CI_RUN");
        assertThat(recorded.get("occurredAt").asString()).isEqualTo("2025-03-04T12:06:44Z");
    }

    @Test
    void takesTheEnvironmentToBeProductionWhenTheUrlNamesNone() {
        ResponseEntity<String> answer = signed("", notification("run:completed", "applied"));

        String id = json(answer).get("results").get(0).get("id").asString();
        assertThat(stored(id, "ChangeRecorded").get("environment").asString()).isEqualTo("production");
    }

    @Test
    void recordsAnErroredOrCanceledRunAsAFailedChange() {
        ResponseEntity<String> answer = signed("", notification("run:errored", "canceled"));

        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        JsonNode recorded = stored(json(answer).get("results").get(0).get("id").asString(), "ChangeRecorded");
        assertThat(recorded.get("outcome").asString()).isEqualTo("FAILED");
        assertThat(recorded.get("attributes").get("canceled").asString()).isEqualTo("true");
    }

    @Test
    void answersARepeatedNotificationAsADuplicateAndStoresNothingMore() {
        byte[] body = notification("run:completed", "applied");
        String id = json(signed("", body)).get("results").get(0).get("id").asString();
        long before = storedEvents();

        ResponseEntity<String> again = signed("", body);

        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(json(again).get("duplicates").asInt()).isEqualTo(1);
        assertThat(json(again).get("results").get(0).get("id").asString()).isEqualTo(id);
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void refusesABadMissingOrUnknownSourcesSignatureWith401AndStoresNothing() {
        byte[] body = notification("run:completed", "applied");
        long before = storedEvents();

        ResponseEntity<String> forged = deliver(source, "", body, terraformSignature("not-the-token-at-all", body));
        ResponseEntity<String> missing = deliver(source, "", body, null);
        ResponseEntity<String> unknown = deliver("nobody-" + UUID.randomUUID(), "", body,
                terraformSignature(token, body));

        assertThat(forged.getStatusCode().value()).isEqualTo(401);
        assertThat(missing.getStatusCode().value()).isEqualTo(401);
        assertThat(json(missing).get("detail").asString()).contains("X-TFE-Notification-Signature");
        assertThat(unknown.getStatusCode().value()).isEqualTo(401);
        assertThat(json(unknown).get("detail")).isEqualTo(json(forged).get("detail"));
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void acknowledgesTheVerificationSentWhenTheNotificationIsSaved() {
        ResponseEntity<String> answer = signed("", bytes(payload("terraform/verification.json")));

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(json(answer).get("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(json(answer).get("event").asString()).isEqualTo("verification");
    }

    @Test
    void acceptsButRecordsNothingForTriggersAndRunsThatChangeNothing() {
        long before = storedEvents();

        ResponseEntity<String> planning = signed("", notification("run:planning", "planning"));
        ResponseEntity<String> noChanges = signed("", notification("run:completed", "planned_and_finished"));

        assertThat(planning.getStatusCode().value()).isEqualTo(202);
        assertThat(json(planning).get("ignored").asInt()).isEqualTo(1);
        assertThat(json(planning).get("results").get(0).get("status").asString()).isEqualTo("IGNORED");
        assertThat(noChanges.getStatusCode().value()).isEqualTo(202);
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void answersTheRejectionsProblemWhenEveryNotificationWasRejected() {
        String scoped = uniqueSourceName("terraform-scoped");
        String scopedToken = registerSource(scoped, "TERRAFORM", """
                "scope":{"systems":["someone-elses-workspace"]}""");
        byte[] body = notification("run:completed", "applied");
        long before = storedEvents();

        ResponseEntity<String> answer = deliver(scoped, "", body, terraformSignature(scopedToken, body));

        assertThat(answer.getStatusCode().value()).isEqualTo(403);
        assertThat(json(answer).get("detail").asString()).contains("may not report about '" + workspace + "'");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void answersASignedBodyThatIsNotJsonWith400() {
        ResponseEntity<String> answer = signed("", "{\"payload_version\":".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void namesTheFieldASignedNotificationLacksIn422() {
        ObjectNode incomplete = payload("terraform/run_completed.json");
        incomplete.remove("workspace_name");

        ResponseEntity<String> answer = signed("", bytes(incomplete));

        assertThat(answer.getStatusCode().value()).isEqualTo(422);
        assertThat(json(answer).get("errors").get(0).get("field").asString()).isEqualTo("workspace_name");
    }

    private byte[] notification(String trigger, String status) {
        ObjectNode payload = payload("terraform/run_completed.json").put("workspace_name", workspace)
                .put("run_id", run).put("run_url", "https://app.terraform.io/app/acme/workspaces/" + workspace
                        + "/runs/" + run);
        ((ObjectNode) payload.get("notifications").get(0)).put("trigger", trigger).put("run_status", status);
        return bytes(payload);
    }

    /** A notification to the test's source, signed with its token, as HCP Terraform sends it. */
    private ResponseEntity<String> signed(String query, byte[] body) {
        return deliver(source, query, body, terraformSignature(token, body));
    }

    private ResponseEntity<String> deliver(String source, String query, byte[] body, String signature) {
        return api.post().uri("/api/v1/webhooks/terraform/" + source + query).contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    if (signature != null) {
                        headers.set(TerraformWebhookController.SIGNATURE, signature);
                    }
                }).body(body).retrieve().toEntity(String.class);
    }
}
