package io.changeledger.command.change;

import io.changeledger.command.HttpApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The controls on a real PostgreSQL: correlation, staging, freezes and review deadlines through the HTTP API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "changeledger.policy.review-deadline=2s",
        "changeledger.policy.review-check-interval=500ms"})
class ChangeControlsIntegrationTest extends HttpApiTest {


    private String service;

    @BeforeEach
    void newService() {
        service = "svc-" + UUID.randomUUID();
    }

    private String report(String environment, String version, String outcome) {
        var answer = post("/api/v1/changes/reports", """
                {"details":{"kind":"DEPLOYMENT","version":"%s"},"service":"%s","environment":"%s",
                 "actor":"deploy-bot","sourceSystem":"argocd","outcome":"%s"}""".formatted(version, service,
                environment, outcome));
        assertThat(answer.getStatusCode().is2xxSuccessful()).as(answer.getBody()).isTrue();
        return json(answer).get("id").asString();
    }

    private String requestProductionDeployment(String version) {
        var answer = post("/api/v1/changes", """
                {"details":{"kind":"DEPLOYMENT","version":"%s"},"service":"%s","environment":"production",
                 "requester":"alice","risk":"MEDIUM"}""".formatted(version, service));
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(201);
        return json(answer).get("id").asString();
    }

    private List<String> violations(String changeId) {
        return jdbc.sql("""
                        select convert_from(payload, 'UTF8')::jsonb ->> 'control' from command.domainevententry
                        where aggregateidentifier = ? and payloadtype like '%.ControlViolationDetected'
                        order by sequencenumber""")
                .param(changeId).query(String.class).list();
    }

    @Test
    void correlatesToolingsReportWithThePlannedChange() {
        report("staging", "2.0.0", "COMPLETED");
        String planned = requestProductionDeployment("2.0.0");
        assertThat(post("/api/v1/changes/" + planned + "/approvals", "{\"approver\":\"carol\"}").getStatusCode()
                .value()).isEqualTo(200);

        var answer = post("/api/v1/changes/reports", """
                {"details":{"kind":"DEPLOYMENT","version":"2.0.0"},"service":"%s","environment":"production",
                 "actor":"deploy-bot","sourceSystem":"argocd","outcome":"COMPLETED",
                 "evidence":[{"type":"CI_RUN","url":"https://ci.acme.io/runs/7"}]}""".formatted(service));

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(json(answer).get("id").asString()).isEqualTo(planned);
        assertThat(json(answer).get("existing").asBoolean()).isTrue();
        assertThat(eventTypes(planned)).containsExactly("ChangeRequested", "ChangeApproved", "ChangeStarted",
                "ChangeCompleted", "EvidenceAttached");

        // the planned change is done, so a redeployment of the same version is a change of its own
        String redeployment = report("production", "2.0.0", "COMPLETED");
        assertThat(redeployment).isNotEqualTo(planned);
        assertThat(eventTypes(redeployment)).startsWith("ChangeRecorded");
    }

    @Test
    void flagsAProductionDeploymentOfAVersionThatNeverRanInStaging() {
        report("staging", "3.0.0", "COMPLETED");
        String staged = report("production", "3.0.0", "COMPLETED");
        String unstaged = report("production", "3.0.1", "COMPLETED");

        assertThat(violations(staged)).containsExactly("APPROVAL_BEFORE_DEPLOYMENT");
        assertThat(violations(unstaged)).containsExactly("APPROVAL_BEFORE_DEPLOYMENT", "STAGING_BEFORE_PRODUCTION");
    }

    @Test
    void flagsAChangeDuringAFreezeUntilTheFreezeIsLifted() {
        Instant now = Instant.now();
        var declared = post("/api/v1/freezes", """
                {"services":["%s"],"environments":["staging"],"window":{"start":"%s","end":"%s"},
                 "reason":"year-end","declaredBy":"grace"}""".formatted(service, now.minusSeconds(60),
                now.plus(Duration.ofDays(1))));
        assertThat(declared.getStatusCode().value()).isEqualTo(201);
        String freezeId = json(declared).get("id").asString();

        String during = report("staging", "4.0.0", "COMPLETED");
        String elsewhere = report("qa", "4.0.0", "COMPLETED");
        assertThat(post("/api/v1/freezes/" + freezeId + "/lift", "{\"liftedBy\":\"grace\"}").getStatusCode()
                .value()).isEqualTo(200);
        String after = report("staging", "4.0.1", "COMPLETED");

        assertThat(violations(during)).containsExactly("CHANGE_FREEZE");
        assertThat(jdbc.sql("""
                        select convert_from(payload, 'UTF8')::jsonb ->> 'reference' from command.domainevententry
                        where aggregateidentifier = ? and payloadtype like '%.ControlViolationDetected'""")
                .param(during).query(String.class).single()).isEqualTo(freezeId);
        assertThat(violations(elsewhere)).isEmpty();
        assertThat(violations(after)).isEmpty();
        assertThat(post("/api/v1/freezes/" + freezeId + "/lift", "{\"liftedBy\":\"grace\"}").getStatusCode()
                .value()).isEqualTo(409);
    }

    @Test
    void recordsAnOverdueEmergencyReviewByItself() {
        var answer = post("/api/v1/changes/reports", """
                {"details":{"kind":"HOTFIX","version":"5.0.1"},"service":"%s","environment":"staging",
                 "actor":"bob","outcome":"COMPLETED"}""".formatted(service));
        String hotfix = json(answer).get("id").asString();
        assertThat(eventTypes(hotfix)).containsExactly("ChangeRecorded", "RetrospectiveReviewOpened");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(eventTypes(hotfix))
                .containsExactly("ChangeRecorded", "RetrospectiveReviewOpened", "RetrospectiveReviewOverdue",
                        "ControlViolationDetected"));
        assertThat(violations(hotfix)).containsExactly("EMERGENCY_REVIEW");

        var review = post("/api/v1/changes/" + hotfix + "/review", "{\"reviewer\":\"erin\",\"outcome\":\"ACCEPTED\"}");
        assertThat(review.getStatusCode().value()).isEqualTo(200);
        assertThat(eventTypes(hotfix)).endsWith("RetrospectiveReviewCompleted");
    }

    @Test
    void answersBadRequestsWithAProblemAndRecordsNothing() {
        String planned = requestProductionDeployment("6.0.0");
        post("/api/v1/changes/" + planned + "/approvals", "{\"approver\":\"carol\"}");
        long before = storedEvents();

        assertProblem(post("/api/v1/changes/" + UUID.randomUUID() + "/approvals", "{\"approver\":\"carol\"}"),
                404, "Nothing on the ledger has the id");
        assertProblem(post("/api/v1/changes/" + planned + "/approvals", "{\"approver\":\"alice\"}"),
                409, "alice requested change " + planned + " and cannot approve it: segregation of duties");
        assertProblem(post("/api/v1/changes/" + planned + "/approvals", "{\"approver\":\"carol\"}"),
                409, "carol has already approved change " + planned);
        assertProblem(post("/api/v1/changes/" + planned + "/completion", "{\"actor\":\"bob\"}"),
                409, "never started, so it cannot be completed");
        assertProblem(post("/api/v1/changes", """
                        {"details":{"kind":"REBOOT"},"service":"%s","environment":"production","requester":"alice",
                         "risk":"LOW"}""".formatted(service)),
                400, "Invalid fields: details.kind");
        assertProblem(post("/api/v1/changes", """
                        {"details":{"kind":"DATA_CLEANUP","dataset":"orders"},"service":"%s",
                         "environment":"production","requester":"alice","risk":"LOW"}""".formatted(service)),
                400, "Invalid fields: details");
        assertProblem(post("/api/v1/changes", "{\"service\":\"%s\"}".formatted(service)),
                400, "Invalid fields: details, environment, requester, risk");

        assertThat(storedEvents()).isEqualTo(before);
    }

    private static void assertProblem(ResponseEntity<String> answer, int status, String detail) {
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(status);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody())
                .contains(detail);
    }
}
