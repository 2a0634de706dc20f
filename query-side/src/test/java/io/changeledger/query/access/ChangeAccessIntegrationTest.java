package io.changeledger.query.access;

import io.changeledger.events.access.AccessRevoked;
import io.changeledger.events.access.AccessUsed;
import io.changeledger.events.change.ChangeCompleted;
import io.changeledger.events.change.ChangeStarted;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeAccessIntegrationTest extends AccessApiIntegrationTest {

    @Test
    void listsWhoHeldAccessToTheSystemWhileTheChangeRan() throws Exception {
        String service = system("change-access");
        String change = newId();
        send(requested(change, service, "production", 0, at("2025-06-01T09:00:00Z")));
        send(new ChangeStarted(change, "deploy-bot", "argocd", at("2025-06-01T10:00:00Z")));
        send(new ChangeCompleted(change, "deploy-bot", "argocd", at("2025-06-01T10:30:00Z")));
        String used = grant("alice", service, "dba", at("2025-06-01T09:00:00Z"), at("2025-06-01T11:00:00Z"));
        send(new AccessUsed(used, "s-1", at("2025-06-01T10:05:00Z"), at("2025-06-01T10:20:00Z"), "teleport",
                at("2025-06-01T10:20:00Z")));
        send(new AccessUsed(used, "s-0", at("2025-06-01T09:05:00Z"), at("2025-06-01T09:20:00Z"), "teleport",
                at("2025-06-01T09:20:00Z")));
        String unused = grant("bob", service, "viewer", at("2025-06-01T10:29:00Z"), at("2025-06-01T12:00:00Z"));
        String endedAsItStarted = grant("carol", service, "dba", at("2025-06-01T08:00:00Z"),
                at("2025-06-01T10:00:00Z"));
        String startedAsItFinished = grant("dave", service, "dba", at("2025-06-01T10:30:00Z"),
                at("2025-06-01T11:00:00Z"));
        String revokedBefore = grant("erin", service, "dba", at("2025-06-01T09:00:00Z"), at("2025-06-01T12:00:00Z"));
        send(new AccessRevoked(revokedBefore, "grace", null, null, at("2025-06-01T09:30:00Z")));
        String standing = standing("frank", service, "admin", true, at("2025-01-01T00:00:00Z"));
        send(new AccessUsed(standing, "s-open", at("2025-06-01T09:00:00Z"), null, "teleport",
                at("2025-06-01T09:00:00Z")));
        String otherSystem = grant("alice", system("other"), "dba", at("2025-06-01T09:00:00Z"),
                at("2025-06-01T11:00:00Z"));
        awaitHistory(change, 3);
        awaitGrant(used, 5);
        awaitGrant(unused, 3);
        awaitGrant(endedAsItStarted, 3);
        awaitGrant(startedAsItFinished, 3);
        awaitGrant(revokedBefore, 4);
        awaitGrant(standing, 2);
        awaitGrant(otherSystem, 3);

        JsonNode access = ok("/api/v1/changes/" + change + "/access");

        assertThat(access.get("changeId").asString()).isEqualTo(change);
        assertThat(access.get("service").asString()).isEqualTo(service);
        assertThat(access.get("environment").asString()).isEqualTo("production");
        assertThat(access.get("ran").asBoolean()).isTrue();
        assertThat(access.get("executionStart").asString()).isEqualTo("2025-06-01T10:00:00Z");
        assertThat(access.get("executionEnd").asString()).isEqualTo("2025-06-01T10:30:00Z");
        assertThat(texts(access.get("items"), "grantId")).as("a window ending as the change began is out")
                .containsExactly(used, unused, startedAsItFinished, standing);
        JsonNode alice = access.get("items").get(0);
        assertThat(alice.get("principal").asString()).isEqualTo("alice");
        assertThat(alice.get("role").asString()).isEqualTo("dba");
        assertThat(alice.get("kind").asString()).isEqualTo("REQUESTED");
        assertThat(alice.get("since").asString()).isEqualTo("2025-06-01T09:00:00Z");
        assertThat(alice.get("until").asString()).isEqualTo("2025-06-01T11:00:00Z");
        assertThat(alice.get("used").asBoolean()).isTrue();
        assertThat(alice.get("sessions").toString()).isEqualTo("[\"s-1\"]");
        assertThat(access.get("items").get(1).get("used").asBoolean()).isFalse();
        JsonNode frank = access.get("items").get(3);
        assertThat(frank.get("kind").asString()).isEqualTo("STANDING");
        assertThat(frank.get("until").isNull()).isTrue();
        assertThat(frank.get("used").asBoolean()).as("a session never reported as ended").isTrue();
    }

    @Test
    void saysWhenTheChangeNeverRanAndWhenItIsUnknown() throws Exception {
        String service = system("never-ran");
        String change = newId();
        send(requested(change, service, "production", 1, at("2025-06-01T09:00:00Z")));
        standing("alice", service, "admin", true, at("2025-01-01T00:00:00Z"));
        awaitChange(change);

        JsonNode access = ok("/api/v1/changes/" + change + "/access");

        assertThat(access.get("ran").asBoolean()).isFalse();
        assertThat(access.get("items")).isEmpty();
        assertThat(access.has("executionStart")).isFalse();
        assertProblem("/api/v1/changes/" + newId() + "/access", HttpStatus.NOT_FOUND);
    }

    @Test
    void takesAChangeStillInProgressAsTheMomentItStarted() throws Exception {
        String service = system("in-progress");
        String change = newId();
        send(requested(change, service, "production", 0, at("2025-06-01T09:00:00Z")));
        send(new ChangeStarted(change, "deploy-bot", "argocd", at("2025-06-01T10:00:00Z")));
        String during = grant("alice", service, "dba", at("2025-06-01T09:00:00Z"), at("2025-06-01T10:00:01Z"));
        String after = grant("bob", service, "dba", at("2025-06-01T10:00:01Z"), at("2025-06-01T11:00:00Z"));
        awaitHistory(change, 2);
        awaitGrant(during, 3);
        awaitGrant(after, 3);

        JsonNode access = ok("/api/v1/changes/" + change + "/access");

        assertThat(access.get("executionEnd").asString()).isEqualTo("2025-06-01T10:00:00Z");
        assertThat(texts(access.get("items"), "grantId")).containsExactly(during);
    }
}
