package io.changeledger.query.change;

import io.changeledger.events.change.ChangeApproved;
import io.changeledger.events.change.ChangeCompleted;
import io.changeledger.events.change.ChangeDetails;
import io.changeledger.events.change.ChangeOutcome;
import io.changeledger.events.change.ChangeStarted;
import io.changeledger.events.change.Control;
import io.changeledger.events.change.ControlViolationDetected;
import io.changeledger.events.change.ControlViolationResolved;
import io.changeledger.events.change.EvidenceAttached;
import io.changeledger.events.change.EvidenceLink;
import io.changeledger.events.wire.LedgerEnvelope;
import io.changeledger.query.LedgerApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.changeledger.events.SampleEvents.CHANGE_ID;
import static org.assertj.core.api.Assertions.assertThat;

class ChangeLifecycleIntegrationTest extends LedgerApiIntegrationTest {

    private static final String SAMPLE_FREEZE_ID = "d4c3b2a1-0000-4000-8000-00000000f2ee";

    @Test
    void projectsEveryEventOfAPlannedChange() throws Exception {
        String id = newId();
        for (String sample : List.of("ChangeRequested-1", "ChangeApproved-1", "ChangeStarted-1", "ChangeCompleted-1",
                "EvidenceAttached-1", "ControlViolationDetected-1", "ControlViolationResolved-1")) {
            sendSample(sample, CHANGE_ID, id);
        }

        JsonNode change = awaitHistory(id, 7);
        assertThat(change.get("kind").asString()).isEqualTo("DEPLOYMENT");
        assertThat(change.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(change.get("version").asString()).isEqualTo("1.4.2");
        assertThat(change.get("artifactDigest").asString()).startsWith("sha256:");
        assertThat(change.get("actor").asString()).isEqualTo("alice");
        assertThat(change.get("requester").asString()).isEqualTo("alice");
        assertThat(change.get("sourceSystem").asString()).isEqualTo("api");
        assertThat(change.get("correlationKey").asString()).isEqualTo("checkout/production/1.4.2");
        assertThat(change.get("risk").asString()).isEqualTo("HIGH");
        assertThat(change.get("emergency").asBoolean()).isFalse();
        assertThat(change.get("plannedWindow").get("start").asString()).isEqualTo("2026-11-27T08:00:00Z");
        assertThat(change.get("policy").get("requiredApprovals").asInt()).isEqualTo(1);
        assertThat(change.get("policy").get("reviewDeadline").asString()).isEqualTo("PT72H");
        assertThat(change.get("details").get("kind").asString()).isEqualTo("DEPLOYMENT");
        assertThat(change.get("attributes").get("jira").asString()).isEqualTo("OPS-42");
        assertThat(change.get("approvalCount").asInt()).isEqualTo(1);
        assertThat(change.get("startedAt").asString()).isEqualTo("2026-11-26T10:00:00Z");
        assertThat(change.get("finishedAt").asString()).isEqualTo("2026-11-26T10:00:00Z");
        assertThat(change.get("review").get("status").asString()).isEqualTo("NONE");

        JsonNode approval = change.get("approvals").get(0);
        assertThat(approval.get("approver").asString()).isEqualTo("carol");
        assertThat(approval.get("decision").asString()).isEqualTo("APPROVED");
        assertThat(approval.get("freezeException").asBoolean()).isTrue();

        assertThat(texts(change.get("evidence"), "type")).containsExactly("PULL_REQUEST", "TEST_REPORT");
        assertThat(texts(change.get("evidence"), "attachedBy")).containsExactly("alice", "ci-bot");

        JsonNode violation = change.get("violations").get(0);
        assertThat(violation.get("control").asString()).isEqualTo("CHANGE_FREEZE");
        assertThat(violation.get("reference").asString()).isEqualTo(SAMPLE_FREEZE_ID);
        assertThat(violation.get("resolved").asBoolean()).isTrue();
        assertThat(violation.get("resolvedBy").asString()).isEqualTo("frank");

        JsonNode history = change.get("history");
        assertThat(texts(history, "type")).containsExactly("ChangeRequested", "ChangeApproved", "ChangeStarted",
                "ChangeCompleted", "EvidenceAttached", "ControlViolationDetected", "ControlViolationResolved");
        assertThat(texts(history, "statusAfter")).containsExactly("REQUESTED", "APPROVED", "IN_PROGRESS",
                "COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED");
        assertThat(texts(history, "actor").subList(0, 4)).containsExactly("alice", "carol", "deploy-bot",
                "deploy-bot");
        assertThat(history.get(1).get("summary").get("freezeException").asBoolean()).isTrue();
        assertThat(history.get(0).get("recordedAt").asString()).isEqualTo("2026-11-26T10:00:00.250Z");
    }

    @Test
    void projectsRejectedFailedAndRolledBackChanges() throws Exception {
        String rejected = newId();
        sendSample("ChangeRequested-1-minimal", CHANGE_ID, rejected);
        sendSample("ChangeRejected-1", CHANGE_ID, rejected);
        String failed = newId();
        for (String sample : List.of("ChangeRequested-1-minimal", "ChangeStarted-1", "ChangeFailed-1")) {
            sendSample(sample, CHANGE_ID, failed);
        }
        String rolledBack = newId();
        for (String sample : List.of("ChangeRequested-1", "ChangeStarted-1", "ChangeCompleted-1",
                "ChangeRolledBack-1")) {
            sendSample(sample, CHANGE_ID, rolledBack);
        }

        JsonNode rejection = awaitHistory(rejected, 2);
        assertThat(rejection.get("status").asString()).isEqualTo("REJECTED");
        assertThat(rejection.get("kind").asString()).isEqualTo("SCALING_CHANGE");
        assertThat(rejection.get("details").get("toCapacity").asLong()).isEqualTo(6);
        assertThat(rejection.has("version")).as("a scaling change brings no version").isFalse();
        assertThat(rejection.get("approvals").get(0).get("decision").asString()).isEqualTo("REJECTED");
        assertThat(rejection.get("approvals").get(0).get("reason").asString()).isEqualTo("no rollback plan");
        assertThat(rejection.get("approvalCount").asInt()).isZero();

        assertThat(awaitHistory(failed, 3).get("status").asString()).isEqualTo("FAILED");
        assertThat(texts(awaitHistory(rolledBack, 4).get("history"), "statusAfter"))
                .containsExactly("REQUESTED", "IN_PROGRESS", "COMPLETED", "ROLLED_BACK");
    }

    @Test
    void projectsAnEmergencyChangeReportedAfterTheFactAndItsRetrospectiveReview() throws Exception {
        String id = newId();
        for (String sample : List.of("ChangeRecorded-1", "RetrospectiveReviewOpened-1",
                "RetrospectiveReviewOverdue-1", "RetrospectiveReviewCompleted-1")) {
            sendSample(sample, CHANGE_ID, id);
        }

        JsonNode change = awaitHistory(id, 4);
        assertThat(change.get("kind").asString()).isEqualTo("HOTFIX");
        assertThat(change.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(change.get("emergency").asBoolean()).isTrue();
        assertThat(change.get("actor").asString()).isEqualTo("bob");
        assertThat(change.get("details").get("incident").asString()).isEqualTo("INC-7");
        assertThat(texts(change.get("evidence"), "type")).containsExactly("CI_RUN");
        JsonNode review = change.get("review");
        assertThat(review.get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(review.get("dueAt").asString()).isEqualTo("2026-11-29T10:00:00Z");
        assertThat(review.get("overdue").asBoolean()).isTrue();
        assertThat(review.get("reviewer").asString()).isEqualTo("erin");
        assertThat(review.get("completedAt").asString()).isEqualTo("2026-11-26T10:00:00Z");
    }

    @Test
    void projectsADeclaredAndLiftedFreeze() throws Exception {
        String id = newId();
        sendSample("ChangeFreezeDeclared-1", SAMPLE_FREEZE_ID, id);
        sendSample("ChangeFreezeLifted-1", SAMPLE_FREEZE_ID, id);

        JsonNode freeze = await("/api/v1/freezes/" + id, answer -> answer.get("lifted").asBoolean());
        assertThat(freeze.get("services").toString()).isEqualTo("[\"checkout\",\"payments\"]");
        assertThat(freeze.get("environments").toString()).isEqualTo("[\"production\"]");
        assertThat(freeze.get("startsAt").asString()).isEqualTo("2026-12-20T00:00:00Z");
        assertThat(freeze.get("endsAt").asString()).isEqualTo("2027-01-03T00:00:00Z");
        assertThat(freeze.get("reason").asString()).isEqualTo("year-end");
        assertThat(freeze.get("liftedBy").asString()).isEqualTo("grace");
        assertThat(freeze.get("liftReason").asString()).isEqualTo("sales closed early");
        assertThat(freeze.get("effectiveEnd").asString()).as("lifted before it started: never in effect")
                .isEqualTo("2026-12-20T00:00:00Z");
    }

    @Test
    void followsTheLifecycleFromRequestToCompletion() throws Exception {
        String id = newId();
        String service = "lifecycle-" + id;
        Instant at = Instant.parse("2026-11-02T10:00:00Z");
        List<Instant> recorded = new ArrayList<>();
        for (var event : List.of(requested(id, service, "production", 2, at),
                new ChangeApproved(id, "carol", "plan reviewed", false, at.plusSeconds(60)),
                new ChangeApproved(id, "dave", null, false, at.plusSeconds(120)),
                new ChangeStarted(id, "deploy-bot", "argocd", at.plusSeconds(180)),
                new ChangeCompleted(id, "deploy-bot", "argocd", at.plusSeconds(240)))) {
            recorded.add(send(event, event.occurredAt().plusMillis(500)).recordedAt());
        }

        JsonNode now = awaitHistory(id, 5);
        assertThat(now.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(now.get("approvalCount").asInt()).isEqualTo(2);

        List<String> statuses = new ArrayList<>();
        for (Instant knownAt : recorded) {
            statuses.add(ok("/api/v1/changes/" + id + "?knownAt=" + knownAt).get("status").asString());
        }
        assertThat(statuses).as("one of two approvals does not approve")
                .containsExactly("REQUESTED", "REQUESTED", "APPROVED", "IN_PROGRESS", "COMPLETED");
        JsonNode inProgress = ok("/api/v1/changes/" + id + "?knownAt=" + recorded.get(3));
        assertThat(inProgress.get("startedAt").asString()).isEqualTo("2026-11-02T10:03:00Z");
        assertThat(inProgress.has("finishedAt")).isFalse();
        assertThat(inProgress.get("approvalCount").asInt()).isEqualTo(2);

        assertThat(ids(ok("/api/v1/changes?service=" + service + "&status=APPROVED&knownAt=" + recorded.get(2))))
                .containsExactly(id);
        assertThat(ids(ok("/api/v1/changes?service=" + service + "&status=APPROVED"))).isEmpty();
        assertThat(ids(ok("/api/v1/changes?service=" + service + "&status=COMPLETED"))).containsExactly(id);
    }

    @Test
    void approvesWithOneApprovalWhenThePolicyRequiresNone() throws Exception {
        String id = newId();
        send(requested(id, "no-approvals", "staging", 0, Instant.parse("2026-11-03T10:00:00Z")));
        send(new ChangeApproved(id, "carol", null, false, Instant.parse("2026-11-03T10:01:00Z")));

        JsonNode change = awaitHistory(id, 2);
        assertThat(change.get("status").asString()).as(change.toString()).isEqualTo("APPROVED");
        assertThat(texts(change.get("history"), "statusAfter")).containsExactly("REQUESTED", "APPROVED");
    }

    @Test
    void takesAChangeReportedAsStartedToBeInProgress() throws Exception {
        String id = newId();
        send(recorded(id, new ChangeDetails.ConfigurationChange("flags/new-cart", "r1", "r2", null), "cart",
                "production", ChangeOutcome.STARTED, false, Instant.parse("2026-11-04T10:00:00Z")));

        JsonNode change = awaitChange(id);
        assertThat(change.get("status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(change.get("startedAt").asString()).isEqualTo("2026-11-04T10:00:00Z");
        assertThat(change.has("finishedAt")).isFalse();
        assertThat(change.get("requester").asString()).isEqualTo("bob");
    }

    @Test
    void countsARedeliveredApprovalOnce() throws Exception {
        String id = newId();
        Instant at = Instant.parse("2026-11-05T10:00:00Z");
        send(requested(id, "redelivery", "production", 2, at));
        LedgerEnvelope approval = envelope(new ChangeApproved(id, "carol", null, false, at.plusSeconds(60)),
                Instant.now());
        send(approval);
        send(approval);
        // the same key keeps the order: once the marker is visible, both copies of the approval have been consumed
        send(new EvidenceAttached(id, new EvidenceLink(EvidenceLink.EvidenceType.TICKET, "https://jira/OPS-1", null,
                null), "alice", at.plusSeconds(120)));

        JsonNode change = await("/api/v1/changes/" + id,
                answer -> texts(answer.get("history"), "type").contains("EvidenceAttached"));
        assertThat(change.get("approvalCount").asInt()).isEqualTo(1);
        assertThat(change.get("approvals")).hasSize(1);
        assertThat(change.get("status").asString()).as("one of two approvals").isEqualTo("REQUESTED");
        assertThat(change.get("history")).hasSize(3);
    }

    @Test
    void answersAsTheLedgerKnewItAtAnInstant() throws Exception {
        String id = newId();
        String service = "known-at-" + id;
        Instant knownAt = Instant.parse("2026-11-10T12:00:00Z");
        send(requested(id, service, "production", 1, knownAt.minus(Duration.ofHours(3))),
                knownAt.minus(Duration.ofHours(2)));
        send(new ChangeApproved(id, "carol", null, false, knownAt.minus(Duration.ofMinutes(70))),
                knownAt.minus(Duration.ofHours(1)));
        send(new ChangeStarted(id, "deploy-bot", "argocd", knownAt.minus(Duration.ofMinutes(30))),
                knownAt.minus(Duration.ofMinutes(29)));
        send(new ChangeCompleted(id, "deploy-bot", "argocd", knownAt.minus(Duration.ofMinutes(20))),
                knownAt.minus(Duration.ofMinutes(19)));
        // reported late: both happened before the completion, the ledger learnt of them after knownAt
        send(new ChangeApproved(id, "dave", "approved by phone", false, knownAt.minus(Duration.ofMinutes(90))),
                knownAt.plus(Duration.ofHours(1)));
        send(new ControlViolationDetected(id, "SOD-1", Control.SEGREGATION_OF_DUTIES, "deployed by the requester",
                null, knownAt.minus(Duration.ofMinutes(25))), knownAt.plus(Duration.ofHours(2)));
        send(new ControlViolationResolved(id, "SOD-1", "frank", "accepted", knownAt.plus(Duration.ofHours(4))),
                knownAt.plus(Duration.ofHours(4)));
        String later = newId();
        send(requested(later, service, "production", 1, knownAt.minus(Duration.ofHours(5))),
                knownAt.plus(Duration.ofHours(1)));
        awaitChange(later);
        JsonNode now = awaitHistory(id, 7);

        JsonNode then = ok("/api/v1/changes/" + id + "?knownAt=" + knownAt);
        assertThat(texts(then.get("approvals"), "approver")).containsExactly("carol");
        assertThat(then.get("approvalCount").asInt()).isEqualTo(1);
        assertThat(then.get("violations")).isEmpty();
        assertThat(texts(then.get("history"), "type")).containsExactly("ChangeRequested", "ChangeApproved",
                "ChangeStarted", "ChangeCompleted");
        assertThat(then.get("status").asString()).isEqualTo("COMPLETED");
        assertProblem("/api/v1/changes/" + later + "?knownAt=" + knownAt, HttpStatus.NOT_FOUND);

        JsonNode listedThen = ok("/api/v1/changes?service=" + service + "&knownAt=" + knownAt);
        assertThat(ids(listedThen)).containsExactly(id);
        assertThat(listedThen.get("items").get(0).get("approvals")).hasSize(1);
        assertThat(listedThen.get("items").get(0).get("violations")).isEmpty();
        assertThat(ids(ok("/api/v1/changes?service=" + service + "&control=any&knownAt=" + knownAt))).isEmpty();
        assertThat(ids(ok("/api/v1/changes?service=" + service + "&actor=dave&knownAt=" + knownAt))).isEmpty();

        assertThat(ids(ok("/api/v1/changes?service=" + service))).containsExactly(id, later);
        assertThat(ids(ok("/api/v1/changes?service=" + service + "&control=any"))).containsExactly(id);
        assertThat(ids(ok("/api/v1/changes?service=" + service + "&actor=dave"))).containsExactly(id);
        assertThat(texts(now.get("approvals"), "approver")).containsExactly("carol", "dave");
        assertThat(now.get("violations").get(0).get("resolved").asBoolean()).isTrue();
        JsonNode beforeResolution = ok("/api/v1/changes/" + id + "?knownAt=" + knownAt.plus(Duration.ofHours(3)));
        assertThat(beforeResolution.get("violations").get(0).get("resolved").asBoolean()).isFalse();
        assertThat(beforeResolution.get("violations").get(0).has("resolvedBy")).isFalse();

        JsonNode history = now.get("history");
        assertThat(texts(history, "type")).as("ledger order, not re-sorted by when things happened")
                .containsExactly("ChangeRequested", "ChangeApproved", "ChangeStarted", "ChangeCompleted",
                        "ChangeApproved", "ControlViolationDetected", "ControlViolationResolved");
        List<Boolean> late = new ArrayList<>();
        history.forEach(item -> late.add(item.get("late").asBoolean()));
        assertThat(late).containsExactly(false, false, false, false, true, true, false);
    }
}
