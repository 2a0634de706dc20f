package io.changeledger.query.access;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static io.changeledger.events.SampleEvents.GRANT_ID;
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
}
