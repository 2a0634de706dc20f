package io.changeledger.query.control;

import io.changeledger.events.change.ChangeDetails;
import io.changeledger.events.change.ChangeOutcome;
import io.changeledger.events.change.Control;
import io.changeledger.events.change.ControlViolationDetected;
import io.changeledger.events.change.ControlViolationResolved;
import io.changeledger.events.change.RetrospectiveReviewCompleted;
import io.changeledger.events.change.RetrospectiveReviewOpened;
import io.changeledger.events.change.RetrospectiveReviewOverdue;
import io.changeledger.events.change.ReviewOutcome;
import io.changeledger.query.LedgerApiIntegrationTest;
import io.changeledger.query.PinnedClock;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ControlIntegrationTest extends LedgerApiIntegrationTest {

    private static final Instant REPORTED = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void listsTheEmergencyChangesWhoseRetrospectiveReviewIsOverdue() throws Exception {
        assertThat(PinnedClock.NOW).isEqualTo("2026-12-01T00:00:00Z");
        String service = "reviews-" + newId();
        String pastDue = emergency(service);
        send(new RetrospectiveReviewOpened(pastDue, Instant.parse("2026-11-29T10:00:00Z"), REPORTED));
        String notYetDue = emergency(service);
        send(new RetrospectiveReviewOpened(notYetDue, Instant.parse("2026-12-05T10:00:00Z"), REPORTED));
        String reviewed = emergency(service);
        send(new RetrospectiveReviewOpened(reviewed, Instant.parse("2026-11-28T10:00:00Z"), REPORTED));
        send(new RetrospectiveReviewCompleted(reviewed, "erin", ReviewOutcome.REJECTED, "should have waited",
                Instant.parse("2026-11-30T10:00:00Z")));
        String flagged = emergency(service);
        send(new RetrospectiveReviewOpened(flagged, Instant.parse("2026-12-02T00:00:00Z"), REPORTED));
        // the ledger's clock is ahead of the pinned one: its word counts
        send(new RetrospectiveReviewOverdue(flagged, Instant.parse("2026-12-02T00:00:00Z"),
                Instant.parse("2026-12-02T00:00:05Z")));
        awaitHistory(pastDue, 2);
        awaitHistory(notYetDue, 2);
        awaitHistory(reviewed, 3);
        awaitHistory(flagged, 3);

        JsonNode overdue = ok("/api/v1/reviews/overdue?service=" + service);

        assertThat(ids(overdue)).containsExactly(pastDue, flagged);
        JsonNode first = overdue.get("items").get(0);
        assertThat(first.get("dueAt").asString()).isEqualTo("2026-11-29T10:00:00Z");
        assertThat(first.get("overdueBy").asString()).isEqualTo("PT38H");
        assertThat(first.get("flaggedByLedger").asBoolean()).isFalse();
        assertThat(first.get("emergency").asBoolean()).isTrue();
        assertThat(first.get("kind").asString()).isEqualTo("HOTFIX");
        assertThat(first.get("service").asString()).isEqualTo(service);
        JsonNode second = overdue.get("items").get(1);
        assertThat(second.get("flaggedByLedger").asBoolean()).isTrue();
        assertThat(second.get("overdueBy").asString()).isEqualTo("PT0S");
        assertThat(ok("/api/v1/changes/" + reviewed).get("review").get("status").asString()).isEqualTo("REJECTED");
    }

    @Test
    void listsOpenAndResolvedViolationsWithTheirChange() throws Exception {
        String service = "violations-" + newId();
        String production = newId();
        send(requested(production, service, "production", 1, Instant.parse("2026-11-03T10:00:00Z")));
        send(new ControlViolationDetected(production, "SOD-1", Control.SEGREGATION_OF_DUTIES,
                "approved by the requester", null, Instant.parse("2026-11-03T11:00:00Z")));
        String staging = newId();
        send(recorded(staging, new ChangeDetails.SchemaMigration("orders", "41", "42", "flyway"), service, "staging",
                ChangeOutcome.COMPLETED, false, Instant.parse("2026-11-04T10:00:00Z")));
        send(new ControlViolationDetected(staging, "STAGING-1", Control.STAGING_BEFORE_PRODUCTION,
                "version 42 never ran in staging", null, Instant.parse("2026-11-04T10:00:01Z")));
        send(new ControlViolationResolved(staging, "STAGING-1", "frank", "ran in staging afterwards",
                Instant.parse("2026-11-05T10:00:00Z")));
        awaitHistory(production, 2);
        awaitHistory(staging, 3);

        String all = "/api/v1/violations?service=" + service;
        JsonNode violations = ok(all);
        assertThat(texts(violations.get("items"), "violationId")).containsExactly("STAGING-1", "SOD-1");
        JsonNode resolved = violations.get("items").get(0);
        assertThat(resolved.get("changeId").asString()).isEqualTo(staging);
        assertThat(resolved.get("kind").asString()).isEqualTo("SCHEMA_MIGRATION");
        assertThat(resolved.get("environment").asString()).isEqualTo("staging");
        assertThat(resolved.get("resolved").asBoolean()).isTrue();
        assertThat(resolved.get("resolvedBy").asString()).isEqualTo("frank");
        assertThat(resolved.get("resolvedAt").asString()).isEqualTo("2026-11-05T10:00:00Z");

        assertThat(texts(ok(all + "&open=true").get("items"), "violationId")).containsExactly("SOD-1");
        assertThat(texts(ok(all + "&open=false").get("items"), "violationId")).containsExactly("STAGING-1");
        assertThat(texts(ok(all + "&control=SEGREGATION_OF_DUTIES").get("items"), "violationId"))
                .containsExactly("SOD-1");
        assertThat(texts(ok(all + "&environment=staging").get("items"), "violationId"))
                .containsExactly("STAGING-1");
        assertThat(texts(ok(all + "&from=2026-11-04T00:00:00Z&to=2026-11-05T00:00:00Z").get("items"),
                "violationId")).containsExactly("STAGING-1");
        assertThat(ok(all + "&open=true").get("totalItems").asLong()).isOne();
    }

    /** An emergency hotfix reported after the fact, ready for its retrospective review. */
    private String emergency(String service) throws Exception {
        String id = newId();
        send(recorded(id, new ChangeDetails.Hotfix("3.0.1", null, "INC-1"), service, "production",
                ChangeOutcome.COMPLETED, true, REPORTED));
        return id;
    }
}
