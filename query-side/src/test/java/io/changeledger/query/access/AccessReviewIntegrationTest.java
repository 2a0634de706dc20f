package io.changeledger.query.access;

import io.changeledger.events.access.AccessCertified;
import io.changeledger.events.access.AccessDecision;
import io.changeledger.events.access.AccessReviewCompleted;
import io.changeledger.events.access.AccessReviewDecided;
import io.changeledger.events.access.AccessReviewOverdue;
import io.changeledger.events.access.AccessReviewStarted;
import io.changeledger.events.access.AccessRevoked;
import io.changeledger.events.access.AccessViolationDetected;
import io.changeledger.events.access.BreakGlassReviewCompleted;
import io.changeledger.events.access.ReviewedGrant;
import io.changeledger.events.change.Control;
import io.changeledger.events.change.ReviewOutcome;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AccessReviewIntegrationTest extends AccessApiIntegrationTest {

    @Test
    void recordsEachDecisionOfAReviewAndOnItsGrants() throws Exception {
        String system = system("review");
        String alice = standing("alice", system, "admin", true, at("2025-01-01T00:00:00Z"));
        String bob = standing("bob", system, "viewer", false, at("2025-01-01T00:00:00Z"));
        String carol = standing("carol", system, "viewer", false, at("2025-01-01T00:00:00Z"));
        String review = newId();
        send(new AccessReviewStarted(review, system, List.of(new ReviewedGrant(alice, "alice", "admin", true),
                new ReviewedGrant(bob, "bob", "viewer", false), new ReviewedGrant(carol, "carol", "viewer", false)),
                "erin", at("2025-04-01T00:00:00Z"), "frank", at("2025-03-01T00:00:00Z")));
        send(new AccessReviewDecided(review, alice, AccessDecision.CERTIFIED, "erin", "on call",
                at("2025-03-10T00:00:00Z")));
        send(new AccessCertified(alice, review, "erin", "on call", at("2025-03-10T00:00:00Z")));
        send(new AccessReviewDecided(review, bob, AccessDecision.REVOKED, "erin", "left",
                at("2025-03-11T00:00:00Z")));
        send(new AccessRevoked(bob, "erin", "left", review, at("2025-03-11T00:00:00Z")));
        send(new AccessReviewOverdue(review, at("2025-04-01T00:00:00Z"), List.of(carol),
                at("2025-04-01T00:00:30Z")));
        awaitGrant(alice, 2);
        awaitGrant(bob, 2);
        await("/api/v1/access/reviews/" + review, answer -> answer.get("flaggedByLedger").asBoolean());

        JsonNode overdue = ok("/api/v1/access/reviews/" + review);
        assertThat(overdue.get("id").asString()).isEqualTo(review);
        assertThat(overdue.get("system").asString()).isEqualTo(system);
        assertThat(overdue.get("reviewer").asString()).isEqualTo("erin");
        assertThat(overdue.get("startedBy").asString()).isEqualTo("frank");
        assertThat(overdue.get("dueAt").asString()).isEqualTo("2025-04-01T00:00:00Z");
        assertThat(overdue.get("overdue").asBoolean()).isTrue();
        assertThat(overdue.get("completed").asBoolean()).isFalse();
        assertThat(overdue.get("grants").asInt()).isEqualTo(3);
        assertThat(overdue.get("undecided").asInt()).isOne();
        assertThat(texts(overdue.get("items"), "principal")).containsExactly("alice", "bob", "carol");
        assertThat(texts(overdue.get("items"), "decision")).containsExactly("CERTIFIED", "REVOKED", null);
        assertThat(overdue.get("items").get(1).get("notes").asString()).isEqualTo("left");
        assertThat(overdue.get("items").get(0).get("privileged").asBoolean()).isTrue();

        JsonNode violations = ok("/api/v1/access/violations?system=" + system);
        assertThat(texts(violations.get("items"), "grantId")).as("the undecided grant").containsExactly(carol);
        JsonNode violation = violations.get("items").get(0);
        assertThat(violation.get("control").asString()).isEqualTo("ACCESS_REVIEW_ON_SCHEDULE");
        assertThat(violation.get("reference").asString()).isEqualTo(review);
        assertThat(violation.get("principal").asString()).isEqualTo("carol");
        assertThat(violation.get("role").asString()).isEqualTo("viewer");
        assertThat(violation.get("open").asBoolean()).isTrue();
        assertThat(ok("/api/v1/access/grants/" + carol).get("violations").get(0).get("violationId").asString())
                .isEqualTo("ACCESS_REVIEW_ON_SCHEDULE-" + review);

        JsonNode revoked = ok("/api/v1/access/grants/" + bob);
        assertThat(revoked.get("status").asString()).isEqualTo("REVOKED");
        assertThat(revoked.get("revocation").get("reviewId").asString()).isEqualTo(review);
        assertThat(revoked.get("effectiveEnd").asString()).isEqualTo("2025-03-11T00:00:00Z");
        JsonNode certified = ok("/api/v1/access/grants/" + alice);
        assertThat(certified.get("lastCertification").get("reviewId").asString()).isEqualTo(review);
        assertThat(certified.get("certifications").get(0).get("reviewer").asString()).isEqualTo("erin");

        send(new AccessReviewDecided(review, carol, AccessDecision.CERTIFIED, "erin", "late but fine",
                at("2025-04-03T00:00:00Z")));
        send(new AccessReviewCompleted(review, at("2025-04-03T00:00:01Z")));
        JsonNode completed = await("/api/v1/access/reviews/" + review, answer -> answer.get("completed")
                .asBoolean());
        assertThat(completed.get("undecided").asInt()).isZero();
        assertThat(completed.get("overdue").asBoolean()).as("done, if late").isFalse();
        assertThat(completed.get("flaggedByLedger").asBoolean()).isTrue();
        assertThat(completed.get("completedAt").asString()).isEqualTo("2025-04-03T00:00:01Z");
        JsonNode remedied = ok("/api/v1/access/violations?system=" + system).get("items").get(0);
        assertThat(remedied.get("open").asBoolean()).isFalse();
        assertThat(remedied.get("remediedAt").asString()).isEqualTo("2025-04-03T00:00:00Z");
    }

    @Test
    void listsTheReviewsOfASystemLatestFirstAndWhichAreOverdue() throws Exception {
        String system = system("reviews");
        String grant = standing("alice", system, "admin", true, at("2025-01-01T00:00:00Z"));
        List<ReviewedGrant> scope = List.of(new ReviewedGrant(grant, "alice", "admin", true));
        String pastDue = newId();
        send(new AccessReviewStarted(pastDue, system, scope, "erin", at("2026-11-15T00:00:00Z"), "frank",
                at("2026-11-01T00:00:00Z")));
        String notYetDue = newId();
        send(new AccessReviewStarted(notYetDue, system, scope, "erin", at("2026-12-15T00:00:00Z"), "frank",
                at("2026-11-20T00:00:00Z")));
        String elsewhere = newId();
        send(new AccessReviewStarted(elsewhere, system("elsewhere"), scope, "erin", at("2026-12-15T00:00:00Z"),
                "frank", at("2026-11-20T00:00:00Z")));
        await("/api/v1/access/reviews/" + pastDue, answer -> true);
        await("/api/v1/access/reviews/" + notYetDue, answer -> true);
        await("/api/v1/access/reviews/" + elsewhere, answer -> true);

        JsonNode reviews = ok("/api/v1/access/reviews?system=" + system);

        assertThat(ids(reviews)).containsExactly(notYetDue, pastDue);
        assertThat(reviews.get("items").get(0).get("overdue").asBoolean()).isFalse();
        JsonNode late = reviews.get("items").get(1);
        assertThat(late.get("overdue").asBoolean()).as("its due date has passed").isTrue();
        assertThat(late.get("flaggedByLedger").asBoolean()).isFalse();
        assertThat(late.get("undecided").asInt()).isOne();
        assertThat(late.has("items")).as("lists leave the items out").isFalse();
        assertThat(ids(ok("/api/v1/access/reviews?system=" + system + "&size=1&page=1"))).containsExactly(pastDue);
        assertThat(ids(ok("/api/v1/access/reviews?size=500"))).contains(pastDue, notYetDue, elsewhere);
    }

    @Test
    void listsViolationsOpenUntilTheLedgerRemediesThem() throws Exception {
        String system = system("violations");
        String breakGlass = breakGlass("alice", system, "dba", at("2025-06-01T10:00:00Z"), 1);
        send(new AccessViolationDetected(breakGlass, "BREAK_GLASS_REVIEW-1", Control.BREAK_GLASS_REVIEW,
                "not reviewed within 72 hours", null, at("2025-06-04T10:00:30Z")));
        String unapproved = standing("bob", system, "admin", true, at("2025-06-01T00:00:00Z"));
        send(new AccessViolationDetected(unapproved, "ACCESS_APPROVAL-1", Control.ACCESS_APPROVAL,
                "approved by nobody", "okta", at("2025-06-01T00:00:00Z")));
        String uncertified = standing("carol", system, "admin", true, at("2025-01-01T00:00:00Z"));
        send(new AccessViolationDetected(uncertified, "PRIVILEGED_ACCESS_BOUNDED-1",
                Control.PRIVILEGED_ACCESS_BOUNDED, "not certified since 2025-01-01", null,
                at("2025-04-01T00:00:00Z")));
        send(new AccessCertified(uncertified, "review-9", "erin", null, at("2025-04-20T00:00:00Z")));
        awaitGrant(breakGlass, 4);
        awaitGrant(unapproved, 2);
        awaitGrant(uncertified, 3);
        String violations = "/api/v1/access/violations?system=" + system;

        JsonNode all = ok(violations);
        assertThat(texts(all.get("items"), "violationId")).as("newest first").containsExactly(
                "BREAK_GLASS_REVIEW-1", "ACCESS_APPROVAL-1", "PRIVILEGED_ACCESS_BOUNDED-1");
        assertThat(texts(all.get("items"), "principal")).containsExactly("alice", "bob", "carol");
        assertThat(all.get("items").get(2).get("remediedAt").asString()).isEqualTo("2025-04-20T00:00:00Z");
        assertThat(texts(ok(violations + "&open=true").get("items"), "violationId"))
                .containsExactly("BREAK_GLASS_REVIEW-1", "ACCESS_APPROVAL-1");
        assertThat(texts(ok(violations + "&open=false").get("items"), "violationId"))
                .containsExactly("PRIVILEGED_ACCESS_BOUNDED-1");
        assertThat(texts(ok(violations + "&control=ACCESS_APPROVAL").get("items"), "violationId"))
                .containsExactly("ACCESS_APPROVAL-1");
        assertThat(texts(ok(violations + "&from=2025-05-01T00:00:00Z&to=2025-06-02T00:00:00Z").get("items"),
                "violationId")).containsExactly("ACCESS_APPROVAL-1");
        assertThat(ok(violations + "&size=1").get("totalItems").asLong()).isEqualTo(3);

        send(new BreakGlassReviewCompleted(breakGlass, "erin", ReviewOutcome.REJECTED, "no outage",
                at("2025-06-05T00:00:00Z")));
        awaitGrant(breakGlass, 5);
        assertThat(texts(ok(violations + "&open=true").get("items"), "violationId"))
                .containsExactly("ACCESS_APPROVAL-1");
    }
}
