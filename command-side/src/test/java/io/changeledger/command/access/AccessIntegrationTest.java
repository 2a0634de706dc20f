package io.changeledger.command.access;

import io.changeledger.command.HttpApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Access through the HTTP API on a real PostgreSQL: the lookups, the deadlines that pass by themselves, reviews. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "changeledger.access.review-deadline=2s",
        "changeledger.access.check-interval=500ms"})
class AccessIntegrationTest extends HttpApiTest {


    private String system;

    @BeforeEach
    void newSystem() {
        system = "orders-db-" + UUID.randomUUID();
    }

    private String id(ResponseEntity<String> answer, int status) {
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(status);
        return JSON.readTree(answer.getBody()).get("id").asString();
    }

    private JsonNode lastEvent(String aggregateId, String type) {
        return JSON.readTree(jdbc.sql("""
                        select convert_from(payload, 'UTF8') from command.domainevententry
                        where aggregateidentifier = ? and payloadtype like ? order by sequencenumber desc limit 1""")
                .params(aggregateId, "%." + type).query(String.class).single());
    }

    private String grantedAccess(String principal, Instant until) {
        String grant = id(post("/api/v1/access/requests", """
                {"principal":"%s","system":"%s","role":"viewer","justification":"OPS-42","duration":"PT4H"}"""
                .formatted(principal, system)), 201);
        assertThat(post("/api/v1/access/grants/" + grant + "/approvals", "{\"approver\":\"carol\"}")
                .getStatusCode().value()).isEqualTo(200);
        assertThat(post("/api/v1/access/grants/" + grant + "/grant", """
                {"grantedBy":"iam-bot","validUntil":"%s"}""".formatted(until)).getStatusCode().value())
                .isEqualTo(200);
        return grant;
    }

    @Test
    void expiresAGrantByItselfAtTheEndOfItsWindowAndRefusesItsUseAfterwards() {
        Instant until = Instant.now().plusSeconds(2);
        String grant = grantedAccess("alice", until);
        assertThat(post("/api/v1/access/grants/" + grant + "/sessions", """
                {"sessionId":"s-1","startedAt":"%s","sourceSystem":"teleport"}""".formatted(Instant.now()))
                .getStatusCode().value()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(eventTypes(grant)).containsExactly(
                "AccessRequested", "AccessApproved", "AccessGranted", "AccessUsed", "AccessExpired"));
        assertThat(lastEvent(grant, "AccessExpired").get("occurredAt").asString()).isEqualTo(until.toString());

        var late = post("/api/v1/access/grants/" + grant + "/sessions", """
                {"sessionId":"s-2","startedAt":"%s","sourceSystem":"teleport"}""".formatted(until.plusSeconds(1)));
        assertThat(late.getStatusCode().value()).isEqualTo(409);
        assertThat(late.getBody()).contains("expired at " + until);
        var revokeExpired = post("/api/v1/access/grants/" + grant + "/revocation", "{\"revokedBy\":\"erin\"}");
        assertThat(revokeExpired.getStatusCode().value()).isEqualTo(409);
    }

    @Test
    void asksTwoApprovalsForAPrivilegedRole() {
        String grant = id(post("/api/v1/access/requests", """
                {"principal":"alice","system":"%s","role":"DBA","justification":"OPS-42","duration":"PT1H"}"""
                .formatted(system)), 201);
        JsonNode requested = lastEvent(grant, "AccessRequested");
        assertThat(requested.get("privileged").asBoolean()).isTrue();
        assertThat(requested.get("policy").get("requiredApprovals").asInt()).isEqualTo(2);
        post("/api/v1/access/grants/" + grant + "/approvals", "{\"approver\":\"carol\"}");

        var early = post("/api/v1/access/grants/" + grant + "/grant", "{\"grantedBy\":\"iam-bot\"}");
        assertThat(early.getStatusCode().value()).isEqualTo(409);
        assertThat(early.getBody()).contains("has 1 of 2 required approvals");
        post("/api/v1/access/grants/" + grant + "/approvals", "{\"approver\":\"dave\"}");
        assertThat(post("/api/v1/access/grants/" + grant + "/grant", "{\"grantedBy\":\"iam-bot\"}")
                .getStatusCode().value()).isEqualTo(200);
        assertThat(lastEvent(grant, "AccessRequested").get("policy").get("requiredApprovals").asInt()).isEqualTo(2);
    }

    @Test
    void flagsBreakGlassAccessNotReviewedByItsDeadlineByItself() {
        String grant = id(post("/api/v1/access/break-glass", """
                {"principal":"alice","system":"%s","role":"admin","justification":"INC-7: orders down",
                 "duration":"PT1H","incidentId":"INC-7","sourceSystem":"pagerduty"}""".formatted(system)), 201);
        assertThat(eventTypes(grant)).containsExactly("AccessRequested", "AccessGranted", "BreakGlassReviewOpened");
        assertThat(lastEvent(grant, "AccessRequested").get("privileged").asBoolean()).isTrue();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(eventTypes(grant)).containsExactly(
                "AccessRequested", "AccessGranted", "BreakGlassReviewOpened", "BreakGlassReviewOverdue",
                "AccessViolationDetected"));
        assertThat(lastEvent(grant, "AccessViolationDetected").get("control").asString())
                .isEqualTo("BREAK_GLASS_REVIEW");

        assertThat(post("/api/v1/access/grants/" + grant + "/break-glass-review",
                "{\"reviewer\":\"alice\",\"outcome\":\"ACCEPTED\"}").getStatusCode().value()).isEqualTo(409);
        assertThat(post("/api/v1/access/grants/" + grant + "/break-glass-review",
                "{\"reviewer\":\"erin\",\"outcome\":\"ACCEPTED\"}").getStatusCode().value()).isEqualTo(200);
        assertThat(eventTypes(grant)).endsWith("BreakGlassReviewCompleted");
    }

    @Test
    void recordsAStandingAssignmentOnceAndRemovesItByWhatTheIamSystemKnows() {
        String assignment = """
                {"principal":"svc-deployer","system":"%s","role":"deployer","sourceSystem":"okta",
                 "assignedBy":"grace"}""".formatted(system);
        String grant = id(post("/api/v1/access/standing", assignment), 201);
        assertThat(id(post("/api/v1/access/standing", assignment), 200)).isEqualTo(grant);
        assertThat(eventTypes(grant)).containsExactly("StandingAccessGranted", "AccessViolationDetected");
        assertThat(lastEvent(grant, "AccessViolationDetected").get("control").asString())
                .isEqualTo("ACCESS_APPROVAL");

        String removal = """
                {"principal":"svc-deployer","system":"%s","role":"deployer","sourceSystem":"okta",
                 "removedBy":"grace"}""".formatted(system);
        assertThat(id(post("/api/v1/access/standing/removals", removal), 200)).isEqualTo(grant);
        assertThat(post("/api/v1/access/standing/removals", removal).getStatusCode().value()).isEqualTo(404);
        assertThat(eventTypes(grant)).endsWith("StandingAccessRemoved");

        String again = id(post("/api/v1/access/standing", assignment), 201);
        assertThat(again).isNotEqualTo(grant);
    }

    @Test
    void storesEachReviewDecisionWithItsEffectOnTheGrant() {
        String kept = grantedAccess("bob", Instant.now().plus(Duration.ofHours(3)));
        String revoked = grantedAccess("dave", Instant.now().plus(Duration.ofHours(3)));
        String standing = id(post("/api/v1/access/standing", """
                {"principal":"erin","system":"%s","role":"admin","sourceSystem":"okta","approvedBy":"heidi"}"""
                .formatted(system)), 201);
        String review = id(post("/api/v1/access/reviews", """
                {"system":"%s","reviewer":"erin","dueAt":"%s","startedBy":"frank"}"""
                .formatted(system, Instant.now().plus(Duration.ofDays(14)))), 201);
        assertThat(lastEvent(review, "AccessReviewStarted").get("grants")).hasSize(3);

        long before = storedEvents();
        var own = post("/api/v1/access/reviews/" + review + "/decisions", """
                {"grantId":"%s","decision":"CERTIFIED","reviewer":"erin"}""".formatted(standing));
        assertThat(own.getStatusCode().value()).isEqualTo(409);
        assertThat(storedEvents()).isEqualTo(before);

        assertThat(post("/api/v1/access/reviews/" + review + "/decisions", """
                {"grantId":"%s","decision":"CERTIFIED","reviewer":"erin","notes":"on call"}""".formatted(kept))
                .getStatusCode().value()).isEqualTo(200);
        assertThat(post("/api/v1/access/reviews/" + review + "/decisions", """
                {"grantId":"%s","decision":"REVOKED","reviewer":"erin","notes":"left the team"}""".formatted(revoked))
                .getStatusCode().value()).isEqualTo(200);
        Instant certified = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        assertThat(post("/api/v1/access/reviews/" + review + "/decisions", """
                {"grantId":"%s","decision":"CERTIFIED","reviewer":"heidi","occurredAt":"%s"}"""
                .formatted(standing, certified)).getStatusCode().value()).isEqualTo(200);

        assertThat(eventTypes(kept)).endsWith("AccessCertified");
        // the certification moved the deadline of the standing privileged access by the policy's 90 days
        assertThat(jdbc.sql("select certification_due_at from command.access_lookup where grant_id = ?")
                .param(standing).query(Timestamp.class).single().toInstant())
                .isEqualTo(certified.plus(Duration.ofDays(90)));
        assertThat(eventTypes(revoked)).endsWith("AccessRevoked");
        assertThat(lastEvent(revoked, "AccessRevoked").get("reviewId").asString()).isEqualTo(review);
        assertThat(eventTypes(review)).containsExactly("AccessReviewStarted", "AccessReviewDecided",
                "AccessReviewDecided", "AccessReviewDecided", "AccessReviewCompleted");
        assertThat(post("/api/v1/access/grants/" + revoked + "/revocation", "{\"revokedBy\":\"erin\"}")
                .getStatusCode().value()).isEqualTo(409);
    }

    @Test
    void answersBadRequestsWithAProblemAndRecordsNothing() {
        long before = storedEvents();
        var missing = post("/api/v1/access/requests", "{\"principal\":\"alice\"}");
        assertThat(missing.getStatusCode().value()).isEqualTo(400);
        assertThat(missing.getBody()).contains("Invalid fields: duration, justification, role, system");
        var tooLong = post("/api/v1/access/requests", """
                {"principal":"alice","system":"%s","role":"viewer","justification":"x","duration":"P7D"}"""
                .formatted(system));
        assertThat(tooLong.getStatusCode().value()).isEqualTo(409);
        assertThat(tooLong.getBody()).contains("exceeds the policy's maximum of PT8H");
        assertThat(post("/api/v1/access/grants/" + UUID.randomUUID() + "/approvals", "{\"approver\":\"carol\"}")
                .getStatusCode().value()).isEqualTo(404);
        assertThat(post("/api/v1/access/requests", """
                {"principal":"alice","system":"%s","role":"viewer","justification":"x","duration":"soon"}"""
                .formatted(system)).getStatusCode().value()).isEqualTo(400);
        assertThat(storedEvents()).isEqualTo(before);
    }
}
