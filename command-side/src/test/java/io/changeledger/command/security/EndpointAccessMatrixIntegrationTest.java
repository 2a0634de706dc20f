package io.changeledger.command.security;

import io.changeledger.command.HttpApiTest;
import io.changeledger.command.TestCredentials;
import io.changeledger.security.AccessMatrix;
import io.changeledger.security.AccessMatrix.Example;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call each endpoint of the command side, for every endpoint the application maps: without credentials
 * 401, with a wrong role 403, as a source outside its scope 403, with the right role (or, for a webhook, a valid
 * signature) a success. The endpoints come from the application's own handler mapping, so a new endpoint without
 * an entry here fails {@link #everyEndpointOfTheApplicationHasAnAccessRule()}, and one without an example request
 * {@link #everyEndpointWithAnAccessRuleHasAnExampleThatSucceeds()}.
 */
// the webhooks' secrets are kept encrypted, so registering a GitHub or Terraform source needs the key (the one of
// the webhook tests, so that the context is theirs)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "changeledger.sources.secrets-key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")
class EndpointAccessMatrixIntegrationTest extends HttpApiTest {

    /** Who may call an endpoint. */
    enum Access {
        /** a webhook: its sender's signature or token, checked by its controller */
        SIGNATURE,
        /** a registered source, whose scope each event is checked against */
        SCOPED_INGEST,
        /** a source whose scope allows everything (the command endpoints take whole commands), or an admin */
        UNSCOPED_INGEST,
        COMPLIANCE,
        ADMIN
    }

    private static final Map<String, Access> RULES = Map.ofEntries(
            entry("POST /api/v1/webhooks/github/{source}", Access.SIGNATURE),
            entry("POST /api/v1/webhooks/gitlab/{source}", Access.SIGNATURE),
            entry("POST /api/v1/webhooks/terraform/{source}", Access.SIGNATURE),
            entry("POST /api/v1/events", Access.SCOPED_INGEST),
            entry("POST /api/v1/cloudevents", Access.SCOPED_INGEST),
            entry("POST /api/v1/changes", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/changes/reports", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/changes/deployments", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/changes/{id}/approvals", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/changes/{id}/rejections", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/changes/{id}/start", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/changes/{id}/completion", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/changes/{id}/failure", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/changes/{id}/rollback", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/changes/{id}/evidence", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/changes/{id}/review", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/changes/{id}/violations/{violationId}/resolution", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/incidents", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/incidents/{id}/resolution", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/access/requests", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/access/break-glass", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/access/grants/{id}/approvals", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/access/grants/{id}/denial", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/access/grants/{id}/grant", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/access/grants/{id}/sessions", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/access/grants/{id}/revocation", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/access/grants/{id}/break-glass-review", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/access/standing", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/access/standing/removals", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/access/reviews", Access.COMPLIANCE),
            entry("POST /api/v1/access/reviews/{id}/decisions", Access.COMPLIANCE),
            entry("POST /api/v1/freezes", Access.COMPLIANCE),
            entry("POST /api/v1/freezes/{id}/lift", Access.COMPLIANCE),
            entry("POST /api/v1/admin/sources", Access.ADMIN),
            entry("POST /api/v1/admin/sources/{name}/credentials", Access.ADMIN),
            entry("PUT /api/v1/admin/sources/{name}/scope", Access.ADMIN),
            entry("POST /api/v1/admin/sources/{name}/disable", Access.ADMIN),
            entry("POST /api/v1/admin/tokens", Access.ADMIN),
            entry("GET /api/v1/admin/tokens", Access.ADMIN),
            entry("GET /api/v1/admin/tokens/{id}", Access.ADMIN),
            entry("POST /api/v1/admin/tokens/{id}/revocation", Access.ADMIN));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @LocalServerPort
    private int port;

    private AccessMatrix matrix;
    private String auditor;
    private String compliance;
    private String unscopedSource;
    private String scopedSource;

    @BeforeEach
    void callers() {
        matrix = new AccessMatrix(port, mappings, EndpointAccessMatrixIntegrationTest::concrete, examples());
        auditor = issue("matrix-auditor", "auditor");
        compliance = issue("matrix-compliance", "compliance");
        unscopedSource = registerSource(uniqueSourceName("matrix-all"), "API", "");
        scopedSource = registerSource(uniqueSourceName("matrix-scoped"), "API",
                "\"scope\":{\"systems\":[\"matrix-elsewhere\"]}");
    }

    private String issue(String name, String role) {
        ResponseEntity<String> issued = post("/api/v1/admin/tokens", """
                {"name":"%s","role":"%s"}""".formatted(name, role));
        assertThat(issued.getStatusCode().value()).as(issued.getBody()).isEqualTo(201);
        return json(issued).get("token").asString();
    }

    @Test
    void everyEndpointOfTheApplicationHasAnAccessRule() {
        matrix.assertEveryEndpointHasARule(RULES.keySet());
    }

    @Test
    void everyEndpointWithAnAccessRuleHasAnExampleThatSucceeds() {
        matrix.assertEveryRuleHasAnExample(RULES.keySet());
    }

    @Test
    void actuatorShowsHealthToAnyoneAndTheRestToAdminsOnly() {
        assertThat(matrix.call(null, "GET", "/actuator/health").getStatusCode().value()).isEqualTo(200);
        assertThat(matrix.call(null, "GET", "/actuator/info").getStatusCode().value()).isEqualTo(401);
        assertThat(matrix.call(compliance, "GET", "/actuator/info").getStatusCode().value()).isEqualTo(403);
        assertThat(matrix.call(TestCredentials.ADMIN_TOKEN, "GET", "/actuator/info").getStatusCode().value())
                .isEqualTo(200);
    }

    @TestFactory
    Stream<DynamicTest> answersEachEndpointByTheCallersRole() {
        return new TreeMap<>(RULES).entrySet().stream().flatMap(rule -> {
            String endpoint = rule.getKey();
            List<DynamicTest> tests = new ArrayList<>();
            tests.add(matrix.unauthenticated(endpoint));
            switch (rule.getValue()) {
                case SIGNATURE -> {
                    tests.add(DynamicTest.dynamicTest(endpoint
                            + " with an admin's bearer token but no signature: 401", () ->
                            assertThat(matrix.call(TestCredentials.ADMIN_TOKEN, endpoint).getStatusCode().value())
                                    .isEqualTo(401)));
                    tests.add(matrix.allowed(endpoint, "its tool, with the source's secret", null));
                }
                case SCOPED_INGEST -> {
                    tests.add(matrix.denied(endpoint, "an auditor", auditor));
                    tests.add(matrix.denied(endpoint, "an admin, who is no source", TestCredentials.ADMIN_TOKEN));
                    tests.add(matrix.allowed(endpoint, "a source", unscopedSource));
                }
                case UNSCOPED_INGEST -> {
                    tests.add(matrix.denied(endpoint, "an auditor", auditor));
                    tests.add(matrix.denied(endpoint, "a compliance officer", compliance));
                    tests.add(matrix.denied(endpoint, "a source with a scope", scopedSource));
                    tests.add(matrix.allowed(endpoint, "a source with every scope", unscopedSource));
                    tests.add(matrix.allowed(endpoint, "an admin", TestCredentials.ADMIN_TOKEN));
                }
                case COMPLIANCE -> {
                    tests.add(matrix.denied(endpoint, "an auditor", auditor));
                    tests.add(matrix.denied(endpoint, "a source", unscopedSource));
                    tests.add(matrix.allowed(endpoint, "a compliance officer", compliance));
                    tests.add(matrix.allowed(endpoint, "an admin", TestCredentials.ADMIN_TOKEN));
                }
                case ADMIN -> {
                    tests.add(matrix.denied(endpoint, "a compliance officer", compliance));
                    tests.add(matrix.denied(endpoint, "a source", unscopedSource));
                    tests.add(matrix.allowed(endpoint, "an admin", TestCredentials.ADMIN_TOKEN));
                }
            }
            return tests.stream();
        });
    }

    @Test
    void refusesAnEventOfASourceOutsideItsScopeWith403() {
        String id = UUID.randomUUID().toString();
        ResponseEntity<String> answer = api.post().uri("/api/v1/cloudevents")
                .contentType(MediaType.parseMediaType("application/cloudevents+json"))
                .headers(headers -> headers.setBearerAuth(scopedSource)).body("""
                        {"specversion":"1.0","id":"%s","source":"/ci","type":"dev.cdevents.service.deployed.0.2.0",
                         "time":"2026-11-26T10:00:00Z","datacontenttype":"application/json","data":{"context":
                         {"version":"0.4.1","id":"%s","source":"/ci","type":"dev.cdevents.service.deployed.0.2.0",
                         "timestamp":"2026-11-26T10:00:00Z"},"subject":{"id":"not-in-scope","source":"/ci",
                         "type":"service","content":{"environment":{"id":"staging","source":"/ci"},
                         "artifactId":"pkg:generic/not-in-scope@1.0.0"}}}}""".formatted(id, id))
                .retrieve().toEntity(String.class);

        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(403);
    }

    /**
     * For each endpoint a request that succeeds, made afresh for each call: what it acts on (a change, a grant, a
     * source, a token) is first made through the API as the admin, so that each caller has one of its own in the
     * state the step needs.
     */
    private Map<String, Supplier<Example>> examples() {
        Map<String, Supplier<Example>> examples = new HashMap<>(Map.ofEntries(
                entry("POST /api/v1/webhooks/github/{source}", () -> {
                    String source = uniqueSourceName("matrix-github");
                    String secret = registerSource(source, "GITHUB", "");
                    String ping = fixture("webhook/github/ping.json");
                    return Example.json("/api/v1/webhooks/github/" + source, ping)
                            .header("X-GitHub-Event", "ping")
                            .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                            .header("X-Hub-Signature-256", "sha256=" + hmac("HmacSHA256", secret, ping));
                }),
                entry("POST /api/v1/webhooks/gitlab/{source}", () -> {
                    String source = uniqueSourceName("matrix-gitlab");
                    String token = registerSource(source, "GITLAB", "");
                    return Example.json("/api/v1/webhooks/gitlab/" + source, fixture("webhook/gitlab/deployment.json"))
                            .header("X-Gitlab-Token", token)
                            .header("X-Gitlab-Event", "Deployment Hook")
                            .header("X-Gitlab-Event-UUID", UUID.randomUUID().toString());
                }),
                entry("POST /api/v1/webhooks/terraform/{source}", () -> {
                    String source = uniqueSourceName("matrix-terraform");
                    String secret = registerSource(source, "TERRAFORM", "");
                    String verification = fixture("webhook/terraform/verification.json");
                    return Example.json("/api/v1/webhooks/terraform/" + source, verification)
                            .header("X-TFE-Notification-Signature", hmac("HmacSHA512", secret, verification));
                }),
                entry("POST /api/v1/events", () -> Example.json("/api/v1/events", """
                        [{"type":"deployment.recorded","idempotencyKey":"%s","data":{"service":"%s",
                          "environment":"staging","version":"1.0.0","actor":"deploy-bot"}}]"""
                        .formatted(UUID.randomUUID(), service()))),
                entry("POST /api/v1/cloudevents", () -> {
                    String id = UUID.randomUUID().toString();
                    return Example.json("/api/v1/cloudevents", """
                            {"specversion":"1.0","id":"%s","source":"/ci","type":"dev.cdevents.service.deployed.0.2.0",
                             "time":"2026-11-26T10:00:00Z","datacontenttype":"application/json","data":{"context":
                             {"version":"0.4.1","id":"%s","source":"/ci","type":"dev.cdevents.service.deployed.0.2.0",
                             "timestamp":"2026-11-26T10:00:00Z"},"subject":{"id":"%s","source":"/ci",
                             "type":"service","content":{"environment":{"id":"staging","source":"/ci"},
                             "artifactId":"pkg:generic/%s@1.0.0"}}}}""".formatted(id, id, service(), service()))
                            .as(MediaType.parseMediaType("application/cloudevents+json"));
                }),
                entry("POST /api/v1/changes", () -> Example.json("/api/v1/changes", changeRequest())),
                entry("POST /api/v1/changes/reports", () -> Example.json("/api/v1/changes/reports", """
                        {"details":{"kind":"DEPLOYMENT","version":"2.0.0"},"service":"%s","environment":"staging",
                         "actor":"deploy-bot","sourceSystem":"argocd","outcome":"COMPLETED"}""".formatted(service()))),
                entry("POST /api/v1/changes/deployments", () -> Example.json("/api/v1/changes/deployments", """
                        {"service":"%s","environment":"staging","version":"1.4.2","actor":"alice",
                         "ticket":"OPS-42"}""".formatted(service()))),
                entry("POST /api/v1/changes/{id}/approvals", () -> Example.json(
                        "/api/v1/changes/" + change() + "/approvals", "{\"approver\":\"carol\"}")),
                entry("POST /api/v1/changes/{id}/rejections", () -> Example.json(
                        "/api/v1/changes/" + change() + "/rejections",
                        "{\"approver\":\"carol\",\"reason\":\"no rollback plan\"}")),
                entry("POST /api/v1/changes/{id}/start", () -> Example.json(
                        "/api/v1/changes/" + approvedChange() + "/start", "{\"actor\":\"deploy-bot\"}")),
                entry("POST /api/v1/changes/{id}/completion", () -> Example.json(
                        "/api/v1/changes/" + startedChange() + "/completion", "{\"actor\":\"deploy-bot\"}")),
                entry("POST /api/v1/changes/{id}/failure", () -> Example.json(
                        "/api/v1/changes/" + startedChange() + "/failure",
                        "{\"actor\":\"deploy-bot\",\"reason\":\"smoke tests failed\"}")),
                entry("POST /api/v1/changes/{id}/rollback", () -> Example.json(
                        "/api/v1/changes/" + startedChange() + "/rollback",
                        "{\"actor\":\"deploy-bot\",\"reason\":\"error rate up\"}")),
                entry("POST /api/v1/changes/{id}/evidence", () -> Example.json(
                        "/api/v1/changes/" + change() + "/evidence",
                        "{\"type\":\"CI_RUN\",\"url\":\"https://ci.acme.io/runs/7\",\"attachedBy\":\"ci-bot\"}")),
                entry("POST /api/v1/changes/{id}/review", () -> Example.json(
                        "/api/v1/changes/" + hotfix() + "/review", "{\"reviewer\":\"erin\",\"outcome\":\"ACCEPTED\"}")),
                entry("POST /api/v1/changes/{id}/violations/{violationId}/resolution", () -> {
                    // a production deployment nobody approved breaks a control
                    String change = id(post("/api/v1/changes/reports", """
                            {"details":{"kind":"DEPLOYMENT","version":"3.0.0"},"service":"%s",
                             "environment":"production","actor":"deploy-bot","outcome":"COMPLETED"}"""
                            .formatted(service())), 201);
                    String violation = stored(change, "ControlViolationDetected").get("violationId").asString();
                    return Example.json("/api/v1/changes/" + change + "/violations/" + violation + "/resolution",
                            "{\"resolvedBy\":\"erin\",\"resolution\":\"approved after the fact: OPS-42\"}");
                }),
                entry("POST /api/v1/incidents", () -> Example.json("/api/v1/incidents", incidentReport())),
                entry("POST /api/v1/incidents/{id}/resolution", () -> Example.json(
                        "/api/v1/incidents/" + id(post("/api/v1/incidents", incidentReport()), 201) + "/resolution",
                        "{\"resolvedBy\":\"erin\",\"resolution\":\"rolled back\"}")),
                entry("POST /api/v1/access/requests", () -> Example.json("/api/v1/access/requests",
                        accessRequest(system()))),
                entry("POST /api/v1/access/break-glass", () -> Example.json("/api/v1/access/break-glass",
                        breakGlass())),
                entry("POST /api/v1/access/grants/{id}/approvals", () -> Example.json(
                        "/api/v1/access/grants/" + requestedAccess(system()) + "/approvals",
                        "{\"approver\":\"carol\"}")),
                entry("POST /api/v1/access/grants/{id}/denial", () -> Example.json(
                        "/api/v1/access/grants/" + requestedAccess(system()) + "/denial",
                        "{\"deniedBy\":\"carol\",\"reason\":\"not on call\"}")),
                entry("POST /api/v1/access/grants/{id}/grant", () -> Example.json(
                        "/api/v1/access/grants/" + approvedAccess(system()) + "/grant", "{\"grantedBy\":\"iam-bot\"}")),
                entry("POST /api/v1/access/grants/{id}/sessions", () -> Example.json(
                        "/api/v1/access/grants/" + grantedAccess(system()) + "/sessions", """
                                {"sessionId":"s-1","startedAt":"%s","sourceSystem":"teleport"}"""
                                .formatted(Instant.now()))),
                entry("POST /api/v1/access/grants/{id}/revocation", () -> Example.json(
                        "/api/v1/access/grants/" + grantedAccess(system()) + "/revocation",
                        "{\"revokedBy\":\"erin\"}")),
                entry("POST /api/v1/access/grants/{id}/break-glass-review", () -> Example.json(
                        "/api/v1/access/grants/" + id(post("/api/v1/access/break-glass", breakGlass()), 201)
                                + "/break-glass-review", "{\"reviewer\":\"erin\",\"outcome\":\"ACCEPTED\"}")),
                entry("POST /api/v1/access/standing", () -> Example.json("/api/v1/access/standing",
                        standingAccess(system()))),
                entry("POST /api/v1/access/standing/removals", () -> {
                    String system = system();
                    id(post("/api/v1/access/standing", standingAccess(system)), 201);
                    return Example.json("/api/v1/access/standing/removals", """
                            {"principal":"svc-deployer","system":"%s","role":"deployer","sourceSystem":"okta",
                             "removedBy":"grace"}""".formatted(system));
                }),
                entry("POST /api/v1/access/reviews", () -> {
                    String system = system();
                    grantedAccess(system);
                    return Example.json("/api/v1/access/reviews", accessReview(system));
                }),
                entry("POST /api/v1/access/reviews/{id}/decisions", () -> {
                    String system = system();
                    String grant = grantedAccess(system);
                    String review = id(post("/api/v1/access/reviews", accessReview(system)), 201);
                    return Example.json("/api/v1/access/reviews/" + review + "/decisions", """
                            {"grantId":"%s","decision":"CERTIFIED","reviewer":"erin"}""".formatted(grant));
                }),
                entry("POST /api/v1/freezes", () -> Example.json("/api/v1/freezes", freeze())),
                entry("POST /api/v1/freezes/{id}/lift", () -> Example.json(
                        "/api/v1/freezes/" + id(post("/api/v1/freezes", freeze()), 201) + "/lift",
                        "{\"liftedBy\":\"grace\"}")),
                entry("POST /api/v1/admin/sources", () -> Example.json("/api/v1/admin/sources", """
                        {"name":"%s","kind":"API","registeredBy":"admin"}"""
                        .formatted(uniqueSourceName("matrix-new")))),
                entry("POST /api/v1/admin/sources/{name}/credentials", () -> Example.json(
                        "/api/v1/admin/sources/" + apiSource() + "/credentials", "{\"rotatedBy\":\"admin\"}")),
                entry("PUT /api/v1/admin/sources/{name}/scope", () -> Example.json(
                        "/api/v1/admin/sources/" + apiSource() + "/scope",
                        "{\"scope\":{\"systems\":[\"orders-db\"]},\"changedBy\":\"admin\"}")),
                entry("POST /api/v1/admin/sources/{name}/disable", () -> Example.json(
                        "/api/v1/admin/sources/" + apiSource() + "/disable",
                        "{\"disabledBy\":\"admin\",\"reason\":\"retired\"}"))));
        examples.putAll(AccessMatrix.tokenExamples(this::token));
        return examples;
    }

    private static String service() {
        return "matrix-svc-" + UUID.randomUUID();
    }

    private static String system() {
        return "matrix-db-" + UUID.randomUUID();
    }

    private static String id(ResponseEntity<String> answer, int status) {
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(status);
        return json(answer).get("id").asString();
    }

    private static String changeRequest() {
        return """
                {"details":{"kind":"DEPLOYMENT","version":"2.0.0"},"service":"%s","environment":"production",
                 "requester":"alice","risk":"MEDIUM"}""".formatted(service());
    }

    /** A production deployment alice asked for, awaiting its approval. */
    private String change() {
        return id(post("/api/v1/changes", changeRequest()), 201);
    }

    private String approvedChange() {
        String change = change();
        assertThat(post("/api/v1/changes/" + change + "/approvals", "{\"approver\":\"carol\"}").getStatusCode()
                .value()).isEqualTo(200);
        return change;
    }

    private String startedChange() {
        String change = approvedChange();
        assertThat(post("/api/v1/changes/" + change + "/start", "{\"actor\":\"deploy-bot\"}").getStatusCode()
                .value()).isEqualTo(200);
        return change;
    }

    /** A hotfix bob deployed, whose retrospective review is open. */
    private String hotfix() {
        return id(post("/api/v1/changes/reports", """
                {"details":{"kind":"HOTFIX","version":"5.0.1"},"service":"%s","environment":"staging",
                 "actor":"bob","outcome":"COMPLETED"}""".formatted(service())), 201);
    }

    private static String incidentReport() {
        return """
                {"incidentId":"INC-%s","service":"%s","environment":"production","summary":"checkout down",
                 "reportedBy":"pagerduty-bot","sourceSystem":"pagerduty"}""".formatted(UUID.randomUUID(), service());
    }

    private static String accessRequest(String system) {
        return """
                {"principal":"alice","system":"%s","role":"viewer","justification":"OPS-42","duration":"PT4H"}"""
                .formatted(system);
    }

    private static String breakGlass() {
        return """
                {"principal":"alice","system":"%s","role":"admin","justification":"INC-7: orders down",
                 "duration":"PT1H","incidentId":"INC-7","sourceSystem":"pagerduty"}""".formatted(system());
    }

    private static String standingAccess(String system) {
        return """
                {"principal":"svc-deployer","system":"%s","role":"deployer","sourceSystem":"okta",
                 "assignedBy":"grace"}""".formatted(system);
    }

    private static String accessReview(String system) {
        return """
                {"system":"%s","reviewer":"erin","dueAt":"%s","startedBy":"frank"}"""
                .formatted(system, Instant.now().plus(Duration.ofDays(14)));
    }

    private String requestedAccess(String system) {
        return id(post("/api/v1/access/requests", accessRequest(system)), 201);
    }

    private String approvedAccess(String system) {
        String grant = requestedAccess(system);
        assertThat(post("/api/v1/access/grants/" + grant + "/approvals", "{\"approver\":\"carol\"}")
                .getStatusCode().value()).isEqualTo(200);
        return grant;
    }

    /** Access alice holds to the system for the next hours. */
    private String grantedAccess(String system) {
        String grant = approvedAccess(system);
        assertThat(post("/api/v1/access/grants/" + grant + "/grant", "{\"grantedBy\":\"iam-bot\"}")
                .getStatusCode().value()).isEqualTo(200);
        return grant;
    }

    private static String freeze() {
        Instant now = Instant.now();
        return """
                {"services":["%s"],"environments":["production"],"window":{"start":"%s","end":"%s"},
                 "reason":"year-end","declaredBy":"grace"}""".formatted(service(), now, now.plus(Duration.ofDays(1)));
    }

    private String apiSource() {
        String name = uniqueSourceName("matrix-api");
        registerSource(name, "API", "");
        return name;
    }

    private String token() {
        return id(post("/api/v1/admin/tokens", "{\"name\":\"matrix-held\",\"role\":\"auditor\"}"), 201);
    }

    /** A vendor's payload as its documentation shows it, byte for byte, to be signed as it is sent. */
    private static String fixture(String path) {
        try (InputStream in = EndpointAccessMatrixIntegrationTest.class.getResourceAsStream("/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hmac(String algorithm, String secret, String body) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The pattern with its variables filled: ids that exist nowhere, names no source has. */
    private static String concrete(String pattern) {
        return pattern.replaceAll("\\{(source|name)}", "matrix-nobody").replaceAll("\\{[^}]+}",
                UUID.randomUUID().toString());
    }
}
