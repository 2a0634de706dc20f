package io.changeledger.command.ingest.webhook;

import io.changeledger.command.HttpApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static io.changeledger.command.ingest.webhook.WebhookFixtures.bytes;
import static io.changeledger.command.ingest.webhook.WebhookFixtures.gitHubSignature;
import static io.changeledger.command.ingest.webhook.WebhookFixtures.payload;
import static org.assertj.core.api.Assertions.assertThat;

/** GitHub deployment webhooks on a real PostgreSQL, signed as GitHub signs them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = WebhookFixtures.SECRETS_KEY)
class GitHubWebhookIntegrationTest extends HttpApiTest {

    private static final String SHA = "9c1f0e4b7d2a6e8f3b5c0d1a2e3f4b5c6d7e8f90";

    private String service;
    private String source;
    private String secret;

    @BeforeEach
    void newSourceAndService() {
        service = "svc-" + UUID.randomUUID();
        source = uniqueSourceName("github");
        secret = registerSource(source, "GITHUB", "");
    }

    @Test
    void recordsADeploymentAndItsSuccessfulStatusAsOneChangeStartedThenCompleted() {
        ResponseEntity<String> created = signed("deployment", deployment());
        ResponseEntity<String> succeeded = signed("deployment_status", status("success"));

        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        assertThat(succeeded.getStatusCode().value()).as(succeeded.getBody()).isEqualTo(200);
        String id = json(created).get("id").asString();
        assertThat(json(created).get("status").asString()).isEqualTo("RECORDED");
        assertThat(json(succeeded).get("id").asString()).isEqualTo(id);
        assertThat(json(succeeded).get("existing").asBoolean()).isTrue();
        assertThat(eventTypes(id)).filteredOn(type -> !type.equals("ControlViolationDetected"))
                .containsExactly("ChangeRecorded", "ChangeCompleted", "EvidenceAttached");
        JsonNode recorded = stored(id, "ChangeRecorded");
        assertThat(recorded.get("outcome").asString()).isEqualTo("STARTED");
        assertThat(recorded.get("service").asString()).isEqualTo(service);
        assertThat(recorded.get("environment").asString()).isEqualTo("production");
        assertThat(recorded.get("details").get("version").asString()).isEqualTo(SHA);
        assertThat(recorded.get("actor").asString()).isEqualTo("jdoe");
        assertThat(recorded.get("sourceSystem").asString()).isEqualTo(source);
        assertThat(recorded.get("attributes").get("github.repository").asString())
                .isEqualTo("acme-corp/payments-api");
        assertThat(recorded.get("occurredAt").asString()).isEqualTo("2025-03-04T10:15:30Z");
        JsonNode completed = stored(id, "ChangeCompleted");
        assertThat(completed.get("actor").asString()).isEqualTo("deploy-bot");
        assertThat(completed.get("occurredAt").asString()).isEqualTo("2025-03-04T10:17:02Z");
        assertThat(stored(id, "EvidenceAttached").get("evidence").get("type").asString()).isEqualTo("CI_RUN");
    }

    @Test
    void recordsAFailedStatusAsTheFailureOfTheStartedChange() {
        String id = json(signed("deployment", deployment())).get("id").asString();

        ResponseEntity<String> failed = signed("deployment_status", status("failure"));

        assertThat(failed.getStatusCode().value()).as(failed.getBody()).isEqualTo(200);
        assertThat(eventTypes(id)).contains("ChangeRecorded", "ChangeFailed").doesNotContain("ChangeCompleted");
    }

    @Test
    void answersARepeatedDeliveryAsADuplicateAndStoresNothingMore() {
        String delivery = delivery();
        byte[] body = deployment();
        String signature = gitHubSignature(secret, body);
        String id = json(deliver(source, "deployment", delivery, body, signature)).get("id").asString();
        long before = storedEvents();

        ResponseEntity<String> again = deliver(source, "deployment", delivery, body, signature);

        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(json(again).get("status").asString()).isEqualTo("DUPLICATE");
        assertThat(json(again).get("id").asString()).isEqualTo(id);
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void refusesADeliveryWhoseSignatureIsNotTheSourcesAndStoresNothing() {
        long before = storedEvents();
        byte[] body = deployment();
        byte[] tampered = Arrays.copyOf(body, body.length);
        tampered[tampered.length - 2] = ' ';

        List<ResponseEntity<String>> answers = List.of(
                deliver(source, "deployment", delivery(), body, gitHubSignature("not-the-secret-at-all", body)),
                deliver(source, "deployment", delivery(), tampered, gitHubSignature(secret, body)),
                deliver(source, "deployment", delivery(), body, "sha256=00"));

        for (ResponseEntity<String> answer : answers) {
            assertThat(answer.getStatusCode().value()).isEqualTo(401);
            assertThat(answer.getHeaders().getContentType().toString()).startsWith("application/problem+json");
            // the signature is the way in, not a bearer token
            assertThat(answer.getHeaders().getFirst("WWW-Authenticate")).startsWith("Webhook ");
        }
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void refusesAnUnsignedDeliveryWith401() {
        ResponseEntity<String> answer = deliver(source, "deployment", delivery(), deployment(), null);

        assertThat(answer.getStatusCode().value()).isEqualTo(401);
        assertThat(json(answer).get("detail").asString()).contains("X-Hub-Signature-256");
    }

    @Test
    void refusesADeliveryForAnUnknownOrDisabledSourceAsItRefusesABadSignature() {
        byte[] body = deployment();
        String disabled = uniqueSourceName("github-retired");
        String disabledSecret = registerSource(disabled, "GITHUB", "");
        assertThat(post("/api/v1/admin/sources/" + disabled + "/disable", "{\"disabledBy\":\"admin\"}")
                .getStatusCode().value()).isEqualTo(200);

        ResponseEntity<String> unknown = deliver("nobody-" + UUID.randomUUID(), "deployment", delivery(), body,
                gitHubSignature(secret, body));
        ResponseEntity<String> retired = deliver(disabled, "deployment", delivery(), body,
                gitHubSignature(disabledSecret, body));
        ResponseEntity<String> forged = deliver(source, "deployment", delivery(), body,
                gitHubSignature("not-the-secret-at-all", body));

        assertThat(unknown.getStatusCode().value()).isEqualTo(401);
        assertThat(retired.getStatusCode().value()).isEqualTo(401);
        assertThat(json(unknown).get("detail")).isEqualTo(json(forged).get("detail"));
        assertThat(json(retired).get("detail")).isEqualTo(json(forged).get("detail"));
    }

    @Test
    void acknowledgesThePingGitHubSendsWhenTheHookIsSetUp() {
        byte[] ping = bytes(payload("github/ping.json"));

        ResponseEntity<String> answer = signed("ping", ping);

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(json(answer).get("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(json(answer).get("hookId").asLong()).isEqualTo(512077381L);
        assertThat(json(answer).get("zen").asString()).isEqualTo("Practicality beats purity.");
    }

    @Test
    void acceptsButRecordsNothingForEventsAndStatesThatChangeNothing() {
        long before = storedEvents();
        byte[] push = bytes(payload("github/ping.json"));

        ResponseEntity<String> other = signed("push", push);
        ResponseEntity<String> inactive = signed("deployment_status", status("inactive"));

        assertThat(other.getStatusCode().value()).isEqualTo(202);
        assertThat(json(other).get("status").asString()).isEqualTo("IGNORED");
        assertThat(json(other).get("reason").asString()).contains("'push' is not recorded");
        assertThat(inactive.getStatusCode().value()).isEqualTo(202);
        assertThat(json(inactive).get("reason").asString()).startsWith("state inactive");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void refusesADeploymentOfAServiceOutsideTheSourcesScopeWith403() {
        String scoped = uniqueSourceName("github-scoped");
        String scopedSecret = registerSource(scoped, "GITHUB", """
                "scope":{"systems":["someone-elses-service"]}""");
        byte[] body = deployment();
        long before = storedEvents();

        ResponseEntity<String> answer = deliver(scoped, "deployment", delivery(), body,
                gitHubSignature(scopedSecret, body));

        assertThat(answer.getStatusCode().value()).isEqualTo(403);
        assertThat(json(answer).get("detail").asString()).contains("may not report about '" + service + "'");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void answersASignedBodyThatIsNotJsonWith400() {
        byte[] broken = "{\"action\":\"created\",".getBytes(StandardCharsets.UTF_8);

        ResponseEntity<String> answer = signed("deployment", broken);

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(json(answer).get("detail").asString()).startsWith("The body is not JSON");
    }

    @Test
    void namesTheFieldASignedDeploymentLacksIn422() {
        ObjectNode incomplete = payload("github/deployment.json");
        ((ObjectNode) incomplete.get("deployment")).remove("environment");
        byte[] body = bytes(incomplete);

        ResponseEntity<String> answer = signed("deployment", body);

        assertThat(answer.getStatusCode().value()).isEqualTo(422);
        assertThat(json(answer).get("errors").get(0).get("field").asString()).isEqualTo("deployment.environment");
    }

    @Test
    void readsTheFormEncodedDeliveryOfAHookWhoseContentTypeIsForm() {
        byte[] form = ("payload=" + URLEncoder.encode(new String(deployment(), StandardCharsets.UTF_8),
                StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);

        ResponseEntity<String> answer = deliver(source, "deployment", delivery(), form,
                gitHubSignature(secret, form), MediaType.APPLICATION_FORM_URLENCODED);

        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(201);
        assertThat(stored(json(answer).get("id").asString(), "ChangeRecorded").get("service").asString())
                .isEqualTo(service);
    }

    @Test
    void refusesABodyOverOneMegabyteWith413BeforeLookingAtIt() {
        byte[] huge = new byte[Webhooks.MAX_BODY + 1];
        Arrays.fill(huge, (byte) ' ');

        ResponseEntity<String> answer = signed("deployment", huge);

        assertThat(answer.getStatusCode().value()).isEqualTo(413);
    }

    private byte[] deployment() {
        ObjectNode deployment = payload("github/deployment.json");
        ((ObjectNode) deployment.get("repository")).put("name", service);
        return bytes(deployment);
    }

    private byte[] status(String state) {
        ObjectNode status = payload("github/deployment_status.json");
        ((ObjectNode) status.get("repository")).put("name", service);
        ((ObjectNode) status.get("deployment_status")).put("state", state);
        return bytes(status);
    }

    private static String delivery() {
        return UUID.randomUUID().toString();
    }

    /** A delivery to the test's source, signed with its secret, as GitHub sends it. */
    private ResponseEntity<String> signed(String event, byte[] body) {
        return deliver(source, event, delivery(), body, gitHubSignature(secret, body));
    }

    private ResponseEntity<String> deliver(String source, String event, String delivery, byte[] body,
                                           String signature) {
        return deliver(source, event, delivery, body, signature, MediaType.APPLICATION_JSON);
    }

    private ResponseEntity<String> deliver(String source, String event, String delivery, byte[] body,
                                           String signature, MediaType contentType) {
        return api.post().uri("/api/v1/webhooks/github/{source}", source).contentType(contentType)
                .headers(headers -> {
                    headers.set(GitHubWebhookController.EVENT, event);
                    headers.set(GitHubWebhookController.DELIVERY, delivery);
                    if (signature != null) {
                        headers.set(GitHubWebhookController.SIGNATURE, signature);
                    }
                }).body(body).retrieve().toEntity(String.class);
    }
}
