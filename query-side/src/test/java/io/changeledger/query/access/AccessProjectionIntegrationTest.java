package io.changeledger.query.access;

import io.changeledger.events.access.AccessApproved;
import io.changeledger.events.access.AccessGranted;
import io.changeledger.events.wire.LedgerEnvelope;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

import static io.changeledger.events.SampleEvents.GRANT_ID;
import static io.changeledger.events.SampleEvents.REVIEW_ID;
import static org.assertj.core.api.Assertions.assertThat;

class AccessProjectionIntegrationTest extends AccessApiIntegrationTest {

    @Test
    void projectsEveryEventOfARequestedGrant() throws Exception {
        String id = newId();
        for (String sample : List.of("AccessRequested-1", "AccessApproved-1", "AccessGranted-1", "AccessUsed-1",
                "AccessCertified-1", "AccessViolationDetected-1", "AccessExpired-1")) {
            sendSample(sample, GRANT_ID, id);
        }

        JsonNode grant = awaitGrant(id, 7);
        assertThat(grant.get("id").asString()).isEqualTo(id);
        assertThat(grant.get("kind").asString()).isEqualTo("REQUESTED");
        assertThat(grant.get("status").asString()).isEqualTo("EXPIRED");
        assertThat(grant.get("principal").asString()).isEqualTo("alice");
        assertThat(grant.get("system").asString()).isEqualTo("orders-db");
        assertThat(grant.get("resource").asString()).isEqualTo("orders");
        assertThat(grant.get("role").asString()).isEqualTo("dba");
        assertThat(grant.get("privileged").asBoolean()).isTrue();
        assertThat(grant.get("breakGlass").asBoolean()).isFalse();
        assertThat(grant.get("justification").asString()).isEqualTo("run the OPS-42 data fix");
        assertThat(grant.get("requestedDuration").asString()).isEqualTo("PT4H");
        assertThat(grant.get("changeId").asString()).isEqualTo("5b0f3c1e-8f0a-4c39-9d57-0d3c9a6f2b11");
        assertThat(grant.get("incidentId").asString()).isEqualTo("INC-7");
        assertThat(grant.get("requestedBy").asString()).isEqualTo("alice");
        assertThat(grant.get("policy").get("reviewInterval").asString()).isEqualTo("PT2160H");
        assertThat(grant.get("approvers").toString()).isEqualTo("[\"carol\"]");
        assertThat(grant.get("grantedBy").asString()).isEqualTo("iam-bot");
        assertThat(grant.get("validFrom").asString()).isEqualTo("2026-11-26T10:00:00Z");
        assertThat(grant.get("validUntil").asString()).isEqualTo("2026-11-26T14:00:00Z");
        assertThat(grant.get("effectiveEnd").asString()).isEqualTo("2026-11-26T14:00:00Z");
        assertThat(grant.get("endReason").asString()).isEqualTo("EXPIRED");
        assertThat(grant.get("endRecordedAt").asString()).isEqualTo("2026-11-26T14:00:00.250Z");
        assertThat(grant.get("grantRecordedAt").asString()).isEqualTo("2026-11-26T10:00:00.250Z");
        assertThat(grant.get("lastCertification").get("reviewer").asString()).isEqualTo("erin");

        assertThat(texts(grant.get("history"), "type")).containsExactly("AccessRequested", "AccessApproved",
                "AccessGranted", "AccessUsed", "AccessCertified", "AccessViolationDetected", "AccessExpired");
        assertThat(texts(grant.get("history"), "statusAfter")).containsExactly("REQUESTED", "REQUESTED", "ACTIVE",
                "ACTIVE", "ACTIVE", "ACTIVE", "EXPIRED");
        assertThat(grant.get("history").get(2).get("summary").get("validUntil").asString())
                .isEqualTo("2026-11-26T14:00:00Z");
        assertThat(grant.get("approvals").get(0).get("decision").asString()).isEqualTo("APPROVED");
        JsonNode session = grant.get("sessions").get(0);
        assertThat(session.get("sessionId").asString()).isEqualTo("teleport-5f2c");
        assertThat(session.get("endedAt").asString()).isEqualTo("2026-11-26T10:30:00Z");
        assertThat(grant.get("certifications").get(0).get("notes").asString()).isEqualTo("still on call");
        JsonNode violation = grant.get("violations").get(0);
        assertThat(violation.get("control").asString()).isEqualTo("ACCESS_APPROVAL");
        assertThat(violation.get("open").asBoolean()).as("the access ended").isFalse();
        assertThat(violation.get("remediedAt").asString()).isEqualTo("2026-11-26T14:00:00Z");
    }

    @Test
    void projectsStandingAccessAndItsRemoval() throws Exception {
        String id = newId();
        sendSample("StandingAccessGranted-1", GRANT_ID, id);
        sendSample("StandingAccessRemoved-1", GRANT_ID, id);

        JsonNode grant = awaitGrant(id, 2);
        assertThat(grant.get("kind").asString()).isEqualTo("STANDING");
        assertThat(grant.get("status").asString()).isEqualTo("REMOVED");
        assertThat(grant.get("principal").asString()).isEqualTo("svc-deployer");
        assertThat(grant.get("resource").asString()).isEqualTo("namespace/checkout");
        assertThat(grant.get("sourceSystem").asString()).isEqualTo("okta");
        assertThat(grant.get("assignedBy").asString()).isEqualTo("grace");
        assertThat(grant.get("grantedBy").asString()).isEqualTo("grace");
        assertThat(grant.get("approvers").toString()).isEqualTo("[\"heidi\"]");
        assertThat(grant.get("approvals").get(0).get("approver").asString()).isEqualTo("heidi");
        assertThat(grant.get("validFrom").asString()).isEqualTo("2026-11-26T10:00:00Z");
        assertThat(grant.has("validUntil")).as("no window of its own").isFalse();
        assertThat(grant.get("effectiveEnd").asString()).as("removed as it was granted")
                .isEqualTo("2026-11-26T10:00:00Z");
        assertThat(grant.get("endReason").asString()).isEqualTo("REMOVED");
        assertThat(grant.get("removedBy").asString()).isEqualTo("grace");
        assertThat(grant.has("requestedBy")).isFalse();
    }

    @Test
    void projectsBreakGlassAccessAndItsReview() throws Exception {
        String id = newId();
        for (String sample : List.of("AccessRequested-1-minimal", "AccessGranted-1", "BreakGlassReviewOpened-1",
                "BreakGlassReviewOverdue-1", "BreakGlassReviewCompleted-1")) {
            sendSample(sample, GRANT_ID, id);
        }

        JsonNode grant = awaitGrant(id, 5);
        assertThat(grant.get("kind").asString()).isEqualTo("BREAK_GLASS");
        assertThat(grant.get("breakGlass").asBoolean()).isTrue();
        assertThat(grant.get("approvers")).isEmpty();
        JsonNode review = grant.get("breakGlassReview");
        assertThat(review.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(review.get("dueAt").asString()).isEqualTo("2026-11-29T10:00:00Z");
        assertThat(review.get("overdue").asBoolean()).isTrue();
        assertThat(review.get("outcome").asString()).isEqualTo("ACCEPTED");
        assertThat(review.get("notes").asString()).isEqualTo("outage INC-7 justified it");
        assertThat(texts(grant.get("history"), "actor")).containsExactly("alice", "iam-bot", null, null, "erin");
    }

    @Test
    void projectsADeniedRequestAndARevocation() throws Exception {
        String denied = newId();
        sendSample("AccessRequested-1", GRANT_ID, denied);
        sendSample("AccessDenied-1", GRANT_ID, denied);
        String revoked = newId();
        for (String sample : List.of("AccessRequested-1", "AccessApproved-1", "AccessGranted-1",
                "AccessRevoked-1")) {
            sendSample(sample, GRANT_ID, revoked);
        }

        JsonNode denial = awaitGrant(denied, 2);
        assertThat(denial.get("status").asString()).isEqualTo("DENIED");
        assertThat(denial.has("validFrom")).isFalse();
        assertThat(denial.get("approvals").get(0).get("decision").asString()).isEqualTo("DENIED");
        assertThat(denial.get("approvals").get(0).get("reason").asString()).isEqualTo("use the read replica");
        JsonNode revocation = awaitGrant(revoked, 4);
        assertThat(revocation.get("status").asString()).isEqualTo("REVOKED");
        assertThat(revocation.get("revocation").get("reviewId").asString())
                .isEqualTo("e1f2a3b4-c5d6-4e7f-8091-a2b3c4d5e6f7");
        assertThat(revocation.get("effectiveEnd").asString()).as("revoked as its window began")
                .isEqualTo("2026-11-26T10:00:00Z");
    }

    @Test
    void projectsAnAccessReviewAndItsOverdueGrantsAsViolations() throws Exception {
        String review = newId();
        for (String sample : List.of("AccessReviewStarted-1", "AccessReviewDecided-1", "AccessReviewOverdue-1")) {
            sendSample(sample, REVIEW_ID, review);
        }

        JsonNode answer = await("/api/v1/access/reviews/" + review, r -> r.get("flaggedByLedger").asBoolean());
        assertThat(answer.get("system").asString()).isEqualTo("orders-db");
        assertThat(texts(answer.get("items"), "decision")).containsExactly("REVOKED", null);
        assertThat(answer.get("items").get(0).get("reviewer").asString()).isEqualTo("erin");
        JsonNode violation = ok("/api/v1/access/violations?control=ACCESS_REVIEW_ON_SCHEDULE&size=500")
                .get("items");
        assertThat(texts(violation, "reference")).contains(review);
    }

    @Test
    void appliesAnApprovalDeliveredTwiceOnce() throws Exception {
        String id = newId();
        Instant at = Instant.parse("2026-11-05T10:00:00Z");
        send(request(id, "alice", system("redelivery"), "dba", true, false, at));
        LedgerEnvelope approval = envelope(new AccessApproved(id, "carol", null, at.plusSeconds(60)), Instant.now());
        send(approval);
        send(approval);
        // the same key keeps the order: once the grant is visible, both copies of the approval have been consumed
        send(new AccessGranted(id, at.plusSeconds(120), at.plusSeconds(3600), "iam-bot", at.plusSeconds(120)));

        JsonNode grant = await("/api/v1/access/grants/" + id, answer -> answer.has("validFrom"));
        assertThat(grant.get("approvers").toString()).isEqualTo("[\"carol\"]");
        assertThat(grant.get("approvals")).hasSize(1);
        assertThat(grant.get("history")).hasSize(3);
    }
}
