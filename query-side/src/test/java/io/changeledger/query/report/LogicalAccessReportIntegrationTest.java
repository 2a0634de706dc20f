package io.changeledger.query.report;

import io.changeledger.events.access.AccessApproved;
import io.changeledger.events.access.AccessCertified;
import io.changeledger.events.access.AccessDecision;
import io.changeledger.events.access.AccessDenied;
import io.changeledger.events.access.AccessExpired;
import io.changeledger.events.access.AccessGranted;
import io.changeledger.events.access.AccessPolicy;
import io.changeledger.events.access.AccessRequested;
import io.changeledger.events.access.AccessReviewCompleted;
import io.changeledger.events.access.AccessReviewDecided;
import io.changeledger.events.access.AccessReviewOverdue;
import io.changeledger.events.access.AccessReviewStarted;
import io.changeledger.events.access.AccessRevoked;
import io.changeledger.events.access.AccessUsed;
import io.changeledger.events.access.AccessViolationDetected;
import io.changeledger.events.access.BreakGlassReviewCompleted;
import io.changeledger.events.access.BreakGlassReviewOpened;
import io.changeledger.events.access.BreakGlassReviewOverdue;
import io.changeledger.events.access.ReviewedGrant;
import io.changeledger.events.access.StandingAccessGranted;
import io.changeledger.events.access.StandingAccessRemoved;
import io.changeledger.events.change.Control;
import io.changeledger.events.change.ReviewOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The logical-access report over a known October 2026 of one system, counted by hand in the comments; "now" is the
 * pinned clock's 2026-12-01. The policy asks for one approval.
 *
 * <pre>
 * g1  alice, viewer, approved by carol, 10-02 10:00-18:00, expired, one session inside the window
 * g2  bob, dba (privileged), approved, 10-03 10:00-14:00, expired; a session ran 10:30-15:00
 * g3  dave, denied
 * g4  erin, never decided
 * g5  frank, break-glass admin (privileged), reviewed and accepted in time, expired
 * g6  bob, break-glass, review overdue (violation)
 * g7  carol, break-glass on 10-29, review due 11-01, rejected on 11-02
 * g8  standing privileged access without an approver (approval violation); a bounded-privilege violation recorded
 *     on 11-05
 * g9  standing access approved by heidi, removed on 10-28
 * g10 alice, approved, 10-15 10:00-18:00, its expiry never recorded
 * g11 alice, approved, requested 10-31 20:00, 10-31 21:00 to 11-01 05:00, expired
 * g12 requested in November: outside the period
 * g13 bob, approved, 10-16 10:00-18:00, revoked at 12:00
 * rv1 due 10-10, completed 10-08        rv2 due 10-20, never completed (overdue recorded)
 * rv3 due 10-25, completed 10-27        rv4 due 10-31 12:00, never completed
 * </pre>
 */
class LogicalAccessReportIntegrationTest extends ReportIntegrationTest {

    private static final AccessPolicy POLICY = new AccessPolicy(1, Duration.ofHours(8), Duration.ofHours(2),
            Duration.ofHours(72), Duration.ofDays(90));
    private static final String PERIOD = "from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z";
    private static final Instant KNOWN_AT = at("2026-10-30T00:00:00Z");

    private String prefix;
    private String system;

    @BeforeEach
    void october() throws Exception {
        prefix = "la-" + newId().substring(0, 8) + "-";
        system = "orders-db-" + prefix;
        approvedGrant("g1", "alice", "viewer", false, "2026-10-02T10:00:00Z", 8);
        record(new AccessUsed(id("g1"), "s1", at("2026-10-02T10:05:00Z"), at("2026-10-02T11:00:00Z"), "teleport",
                at("2026-10-02T11:00:00Z")));
        expired("g1", "2026-10-02T18:00:00Z");
        approvedGrant("g2", "bob", "dba", true, "2026-10-03T10:00:00Z", 4);
        record(new AccessUsed(id("g2"), "s2", at("2026-10-03T10:30:00Z"), at("2026-10-03T15:00:00Z"), "teleport",
                at("2026-10-03T15:00:00Z")));
        expired("g2", "2026-10-03T14:00:00Z");
        record(request("g3", "dave", "viewer", false, false, at("2026-10-04T09:00:00Z")));
        record(new AccessDenied(id("g3"), "carol", "no ticket", at("2026-10-04T09:10:00Z")));
        record(request("g4", "erin", "viewer", false, false, at("2026-10-05T09:00:00Z")));

        breakGlass("g5", "frank", "admin", true, "2026-10-06T03:00:00Z");
        record(new BreakGlassReviewCompleted(id("g5"), "erin", ReviewOutcome.ACCEPTED, "outage",
                at("2026-10-07T09:00:00Z")));
        breakGlass("g6", "bob", "operator", false, "2026-10-08T03:00:00Z");
        record(new BreakGlassReviewOverdue(id("g6"), at("2026-10-11T03:00:00Z"), at("2026-10-11T03:00:30Z")));
        record(new AccessViolationDetected(id("g6"), "BREAK_GLASS_REVIEW-1", Control.BREAK_GLASS_REVIEW,
                "break-glass review not completed by 2026-10-11T03:00:00Z", null, at("2026-10-11T03:00:30Z")));
        breakGlass("g7", "carol", "operator", false, "2026-10-29T03:00:00Z");
        record(new BreakGlassReviewCompleted(id("g7"), "erin", ReviewOutcome.REJECTED, "no incident",
                at("2026-11-02T09:00:00Z")));

        record(new StandingAccessGranted(id("g8"), "svc-batch", system, null, "admin", true, "okta", "grace", null,
                POLICY, at("2026-10-10T09:00:00Z")));
        record(new AccessViolationDetected(id("g8"), "ACCESS_APPROVAL-1", Control.ACCESS_APPROVAL,
                "standing access recorded without an approver other than its principal", null,
                at("2026-10-10T09:00:00Z")));
        record(new AccessViolationDetected(id("g8"), "PRIVILEGED_ACCESS_BOUNDED-1", Control.PRIVILEGED_ACCESS_BOUNDED,
                "standing privileged access uncertified for 90 days", null, at("2026-11-05T00:00:00Z")));
        record(new StandingAccessGranted(id("g9"), "svc-report", system, null, "reader", false, "okta", "grace",
                "heidi", POLICY, at("2026-10-11T09:00:00Z")));
        record(new StandingAccessRemoved(id("g9"), "grace", "okta", at("2026-10-28T09:00:00Z")));

        approvedGrant("g10", "alice", "operator", false, "2026-10-15T10:00:00Z", 8);
        approvedGrant("g11", "alice", "operator", false, "2026-10-31T21:00:00Z", 8);
        expired("g11", "2026-11-01T05:00:00Z");
        approvedGrant("g12", "alice", "operator", false, "2026-11-03T10:00:00Z", 8);
        approvedGrant("g13", "bob", "operator", false, "2026-10-16T10:00:00Z", 8);
        record(new AccessRevoked(id("g13"), "erin", "done early", null, at("2026-10-16T12:00:00Z")));

        review("rv1", "g9", "2026-10-01T09:00:00Z", "2026-10-10T00:00:00Z");
        decide("rv1", "g9", "2026-10-08T09:00:00Z");
        record(new AccessReviewCompleted(id("rv1"), at("2026-10-08T09:00:00Z")));
        review("rv2", "g8", "2026-10-12T09:00:00Z", "2026-10-20T00:00:00Z");
        record(new AccessReviewOverdue(id("rv2"), at("2026-10-20T00:00:00Z"), List.of(id("g8")),
                at("2026-10-20T00:00:30Z")));
        review("rv3", "g9", "2026-10-20T09:00:00Z", "2026-10-25T00:00:00Z");
        decide("rv3", "g9", "2026-10-27T09:00:00Z");
        record(new AccessReviewCompleted(id("rv3"), at("2026-10-27T09:00:00Z")));
        review("rv4", "g9", "2026-10-28T09:00:00Z", "2026-10-31T12:00:00Z");
        awaitProjected(prefix);
    }

    @Test
    void countsTheGrantsAndEveryCheckOfAKnownMonth() {
        JsonNode report = ok("/api/v1/reports/logical-access?" + PERIOD + "&system=" + system);

        JsonNode summary = report.get("summary");
        // g1-g11 and g13; g12 is November's
        assertThat(summary.get("grants").asLong()).isEqualTo(12);
        // requested g1-g4, g10, g11, g13; break-glass g5-g7; standing g8, g9
        assertThat(summary.get("requested").asLong()).isEqualTo(7);
        assertThat(summary.get("breakGlass").asLong()).isEqualTo(3);
        assertThat(summary.get("standing").asLong()).isEqualTo(2);
        assertThat(summary.get("privileged").asLong()).as("g2, g5, g8").isEqualTo(3);
        assertThat(summary.get("granted").asLong()).as("all but g3 and g4").isEqualTo(10);
        assertThat(summary.get("denied").asLong()).isEqualTo(1);
        assertThat(summary.get("notGranted").asLong()).isEqualTo(1);
        // carol for g1, g2, g10, g11, g13; heidi for g9
        assertThat(summary.get("approvals").asLong()).isEqualTo(6);
        JsonNode reviews = summary.get("reviews");
        assertThat(List.of(reviews.get("due").asLong(), reviews.get("done").asLong(), reviews.get("late").asLong(),
                reviews.get("overdue").asLong(), reviews.get("pending").asLong()))
                .as("rv1 done, rv3 late, rv2 and rv4 overdue").containsExactly(4L, 1L, 1L, 2L, 0L);

        // granted requests and standing access: g1, g2, g8, g9, g10, g11, g13
        assertCheck(report, "accessApproved", 7, 6, 1, 0, ids("g8"));
        assertCheck(report, "privilegedAccessBounded", 3, 2, 1, 0, ids("g8"));
        assertCheck(report, "breakGlassReviewed", 3, 1, 2, 0, ids("g6", "g7"));
        assertCheck(report, "accessReviewsOnSchedule", 4, 1, 3, 0, List.of());
        assertThat(texts(check(report, "accessReviewsOnSchedule").get("exceptions"), "reviewId"))
                .containsExactly(id("rv2"), id("rv3"), id("rv4"));
        // time-bound and granted: g1, g2, g5, g6, g7, g10, g11, g13
        assertCheck(report, "accessRemovedOnTime", 8, 6, 2, 0, ids("g2", "g10"));

        assertThat(exception(report, "accessRemovedOnTime", 0).get("failure").asString())
                .isEqualTo("1 session(s) ran past the grant's end at 2026-10-03T14:00:00Z");
        assertThat(exception(report, "breakGlassReviewed", 1).get("failure").asString())
                .isEqualTo("the review by erin rejected the break-glass access");
        assertThat(exception(report, "accessApproved", 0).get("violationIds")).extracting(JsonNode::asString)
                .containsExactly("ACCESS_APPROVAL-1");
        JsonNode g1 = report.get("grants").get(0);
        assertThat(g1.get("grantId").asString()).isEqualTo(id("g1"));
        assertThat(g1.get("approvers")).extracting(JsonNode::asString).containsExactly("carol");
        assertThat(report.get("mapping").get("controls").get("privilegedAccessBounded"))
                .extracting(JsonNode::asString).contains("SOC2 CC6.3", "ISO27001:2022 A.8.2");
    }

    @Test
    void answersAsTheLedgerKnewItBeforeLaterEventsWereRecorded() {
        JsonNode report = ok("/api/v1/reports/logical-access?" + PERIOD + "&system=" + system + "&asOf=" + KNOWN_AT);

        // g11 was requested on 10-31
        assertThat(report.get("summary").get("grants").asLong()).isEqualTo(11);
        assertCheck(report, "accessApproved", 6, 5, 1, 0, ids("g8"));
        // g8's bounded-privilege violation was recorded on 11-05
        assertCheck(report, "privilegedAccessBounded", 3, 3, 0, 0, List.of());
        // g7's review was due 11-01 and not done yet
        assertCheck(report, "breakGlassReviewed", 3, 1, 1, 1, ids("g6"));
        // rv4 is not due yet
        assertCheck(report, "accessReviewsOnSchedule", 4, 1, 2, 1, List.of());
        assertCheck(report, "accessRemovedOnTime", 7, 5, 2, 0, ids("g2", "g10"));
    }

    @Test
    void statesTheOldMappingWhenAskedForIt() {
        JsonNode mapping = ok("/api/v1/reports/logical-access?" + PERIOD + "&system=" + system
                + "&mappingVersion=2025.1").get("mapping");

        assertThat(mapping.get("version").asString()).isEqualTo("2025.1");
        assertThat(mapping.get("controls").get("accessRemovedOnTime")).extracting(JsonNode::asString)
                .contains("ISO27001:2013 A.9.2.6").doesNotContain("ISO27001:2022 A.5.18");
    }

    private void assertCheck(JsonNode report, String name, long applicable, long passed, long failed, long pending,
                             List<String> grantIds) {
        JsonNode check = check(report, name);
        assertThat(check.get("applicable").asLong()).as(name + " applicable").isEqualTo(applicable);
        assertThat(check.get("passed").asLong()).as(name + " passed").isEqualTo(passed);
        assertThat(check.get("failed").asLong()).as(name + " failed").isEqualTo(failed);
        assertThat(check.get("pending").asLong()).as(name + " pending").isEqualTo(pending);
        if (!name.equals("accessReviewsOnSchedule")) {
            assertThat(texts(check.get("exceptions"), "grantId")).as(name + " exceptions")
                    .containsExactlyElementsOf(grantIds);
        }
    }

    private static JsonNode check(JsonNode report, String name) {
        for (JsonNode check : report.get("checks")) {
            if (check.get("check").asString().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + report);
    }

    private static JsonNode exception(JsonNode report, String check, int index) {
        return check(report, check).get("exceptions").get(index);
    }

    private String id(String name) {
        return prefix + name;
    }

    private List<String> ids(String... names) {
        return Arrays.stream(names).map(this::id).toList();
    }

    private AccessRequested request(String name, String principal, String role, boolean privileged,
                                    boolean breakGlass, Instant at) {
        return new AccessRequested(id(name), principal, system, null, role, privileged, breakGlass, "work",
                Duration.ofHours(8), null, null, principal, "api", POLICY, at);
    }

    /** Requested an hour before the window, approved by carol, granted for that many hours. */
    private void approvedGrant(String name, String principal, String role, boolean privileged, String from,
                               int hours) throws Exception {
        Instant start = at(from);
        record(request(name, principal, role, privileged, false, start.minus(Duration.ofHours(1))));
        record(new AccessApproved(id(name), "carol", "ok", start.minus(Duration.ofMinutes(30))));
        record(new AccessGranted(id(name), start, start.plus(Duration.ofHours(hours)), "iam-bot", start));
    }

    /** Two hours of break-glass access, reviewable for three days. */
    private void breakGlass(String name, String principal, String role, boolean privileged, String at)
            throws Exception {
        Instant start = at(at);
        record(request(name, principal, role, privileged, true, start));
        record(new AccessGranted(id(name), start, start.plus(Duration.ofHours(2)), "break-glass", start));
        record(new BreakGlassReviewOpened(id(name), start.plus(Duration.ofDays(3)), start));
        expired(name, start.plus(Duration.ofHours(2)).toString());
    }

    private void expired(String name, String at) throws Exception {
        record(new AccessExpired(id(name), at(at)));
    }

    private void review(String name, String grant, String startedAt, String dueAt) throws Exception {
        record(new AccessReviewStarted(id(name), system, List.of(new ReviewedGrant(id(grant), "svc", "reader",
                false)), "erin", at(dueAt), "frank", at(startedAt)));
    }

    private void decide(String review, String grant, String at) throws Exception {
        record(new AccessReviewDecided(id(review), id(grant), AccessDecision.CERTIFIED, "erin", "still needed",
                at(at)));
        record(new AccessCertified(id(grant), id(review), "erin", "still needed", at(at)));
    }
}
