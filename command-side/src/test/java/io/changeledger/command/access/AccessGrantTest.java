package io.changeledger.command.access;

import io.changeledger.command.access.AccessCommands.ApproveAccessCommand;
import io.changeledger.command.access.AccessCommands.BreakGlassCommand;
import io.changeledger.command.access.AccessCommands.CertifyAccessCommand;
import io.changeledger.command.access.AccessCommands.CompleteBreakGlassReviewCommand;
import io.changeledger.command.access.AccessCommands.DenyAccessCommand;
import io.changeledger.command.access.AccessCommands.ExpireAccessCommand;
import io.changeledger.command.access.AccessCommands.FlagOverdueBreakGlassReviewCommand;
import io.changeledger.command.access.AccessCommands.FlagUncertifiedAccessCommand;
import io.changeledger.command.access.AccessCommands.GrantAccessCommand;
import io.changeledger.command.access.AccessCommands.RecordSessionCommand;
import io.changeledger.command.access.AccessCommands.RecordStandingAccessCommand;
import io.changeledger.command.access.AccessCommands.RemoveStandingAccessCommand;
import io.changeledger.command.access.AccessCommands.RequestAccessCommand;
import io.changeledger.command.access.AccessCommands.RevokeAccessCommand;
import io.changeledger.events.access.AccessApproved;
import io.changeledger.events.access.AccessCertified;
import io.changeledger.events.access.AccessDenied;
import io.changeledger.events.access.AccessExpired;
import io.changeledger.events.access.AccessGranted;
import io.changeledger.events.access.AccessPolicy;
import io.changeledger.events.access.AccessRequested;
import io.changeledger.events.access.AccessRevoked;
import io.changeledger.events.access.AccessUsed;
import io.changeledger.events.access.AccessViolationDetected;
import io.changeledger.events.access.BreakGlassReviewCompleted;
import io.changeledger.events.access.BreakGlassReviewOpened;
import io.changeledger.events.access.BreakGlassReviewOverdue;
import io.changeledger.events.access.StandingAccessGranted;
import io.changeledger.events.access.StandingAccessRemoved;
import io.changeledger.events.change.Control;
import io.changeledger.events.change.ReviewOutcome;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

class AccessGrantTest {

    private static final String ID = "grant-1";
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(600);
    private static final Instant FROM = T0.plusSeconds(3600);
    private static final Instant UNTIL = FROM.plus(Duration.ofHours(4));
    private static final AccessPolicy ONE_APPROVAL = new AccessPolicy(1, Duration.ofHours(8), Duration.ofHours(2),
            Duration.ofHours(72), Duration.ofDays(90));
    private static final AccessPolicy TWO_APPROVALS = new AccessPolicy(2, Duration.ofHours(8), Duration.ofHours(2),
            Duration.ofHours(72), Duration.ofDays(90));

    private AggregateTestFixture<AccessGrant> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AccessGrant.class);
    }

    private static RequestAccessCommand request(String requestedBy, AccessPolicy policy) {
        return new RequestAccessCommand(ID, "alice", "orders-db", "orders", "dba", true, "OPS-42 data fix",
                Duration.ofHours(4), "change-1", null, requestedBy, "api", policy, T0);
    }

    private static AccessRequested requested(AccessPolicy policy) {
        return new AccessRequested(ID, "alice", "orders-db", "orders", "dba", true, false, "OPS-42 data fix",
                Duration.ofHours(4), "change-1", null, "alice", "api", policy, T0);
    }

    private static AccessRequested requested() {
        return requested(ONE_APPROVAL);
    }

    private static AccessApproved approvedBy(String approver) {
        return new AccessApproved(ID, approver, null, T1);
    }

    private static AccessGranted granted() {
        return new AccessGranted(ID, FROM, UNTIL, "iam-bot", FROM);
    }

    private static StandingAccessGranted standing(boolean privileged, String approvedBy) {
        return new StandingAccessGranted(ID, "svc-deployer", "checkout", null, "cluster-admin", privileged, "okta",
                "grace", approvedBy, ONE_APPROVAL, T0);
    }

    @Test
    void recordsARequestOnBehalfOfThePrincipalWhenNobodyElseAsked() {
        fixture.givenNoPriorActivity()
                .when(request(null, ONE_APPROVAL))
                .expectEvents(requested());
    }

    @Test
    void rejectsARequestLongerThanThePolicyAllows() {
        fixture.givenNoPriorActivity()
                .when(new RequestAccessCommand(ID, "alice", "orders-db", null, "dba", true, "all week",
                        Duration.ofDays(7), null, null, null, "api", ONE_APPROVAL, T0))
                .expectException(AccessRuleException.class)
                .expectExceptionMessage("The requested duration PT168H exceeds the policy's maximum of PT8H");
    }

    @Test
    void recordsAnApprovalBySomeoneElse() {
        fixture.given(requested())
                .when(new ApproveAccessCommand(ID, "carol", null, T1))
                .expectEvents(approvedBy("carol"));
    }

    @Test
    void rejectsApprovalByThePrincipal() {
        fixture.given(requested())
                .when(new ApproveAccessCommand(ID, "alice", null, T1))
                .expectException(AccessRuleException.class)
                .expectExceptionMessage("alice would hold access grant-1 and cannot approve it: segregation of duties");
    }

    @Test
    void rejectsApprovalByTheRequester() {
        fixture.givenNoPriorActivity()
                .andGivenCommands(request("bob", ONE_APPROVAL))
                .when(new ApproveAccessCommand(ID, "bob", null, T1))
                .expectException(AccessRuleException.class)
                .expectExceptionMessage("bob requested access grant-1 and cannot approve it: segregation of duties");
    }

    @Test
    void rejectsApprovingTwice() {
        fixture.given(requested(TWO_APPROVALS), approvedBy("carol"))
                .when(new ApproveAccessCommand(ID, "carol", null, T1))
                .expectException(AccessRuleException.class)
                .expectExceptionMessage("carol has already approved access request grant-1");
    }

    @Test
    void recordsADenial() {
        fixture.given(requested())
                .when(new DenyAccessCommand(ID, "carol", "use the read replica", T1))
                .expectEvents(new AccessDenied(ID, "carol", "use the read replica", T1));
    }

    @Test
    void rejectsADenialByThePrincipal() {
        fixture.given(requested())
                .when(new DenyAccessCommand(ID, "alice", "changed my mind", T1))
                .expectException(AccessRuleException.class);
    }

    @Test
    void rejectsApprovingADeniedRequest() {
        fixture.given(requested(), new AccessDenied(ID, "carol", "no", T1))
                .when(new ApproveAccessCommand(ID, "dave", null, T1))
                .expectException(AccessRuleException.class)
                .expectExceptionMessage("Access request grant-1 was denied and cannot be approved");
    }

    @Test
    void grantsAnApprovedRequestForTheRequestedDurationByDefault() {
        fixture.given(requested(), approvedBy("carol"))
                .when(new GrantAccessCommand(ID, FROM, null, "iam-bot", FROM))
                .expectEvents(granted());
    }

    @Test
    void rejectsGrantingADeniedRequest() {
        fixture.given(requested(), new AccessDenied(ID, "carol", "no", T1))
                .when(new GrantAccessCommand(ID, FROM, null, "iam-bot", FROM))
                .expectException(AccessRuleException.class)
                .expectExceptionMessage("Access request grant-1 was denied and cannot be granted");
    }

    @Test
    void rejectsGrantingWithoutTheRequiredApprovals() {
        fixture.given(requested(TWO_APPROVALS), approvedBy("carol"))
                .when(new GrantAccessCommand(ID, FROM, null, "iam-bot", FROM))
                .expectException(AccessRuleException.class)
                .expectExceptionMessage("Access request grant-1 has 1 of 2 required approvals and cannot be granted yet");
    }

    @Test
    void rejectsGrantingTwice() {
        fixture.given(requested(), approvedBy("carol"), granted())
                .when(new GrantAccessCommand(ID, FROM, null, "iam-bot", FROM))
                .expectException(AccessRuleException.class)
                .expectExceptionMessage("Access request grant-1 was already granted");
    }

    @Test
    void rejectsAGrantedWindowLongerThanThePolicyAllows() {
        fixture.given(requested(), approvedBy("carol"))
                .when(new GrantAccessCommand(ID, FROM, FROM.plus(Duration.ofHours(9)), "iam-bot", FROM))
                .expectException(AccessRuleException.class);
    }

    @Test
    void recordsASessionWithinTheWindow() {
        Instant start = FROM.plusSeconds(60);
        fixture.given(requested(), approvedBy("carol"), granted())
                .when(new RecordSessionCommand(ID, "s-1", start, null, "teleport", start))
                .expectEvents(new AccessUsed(ID, "s-1", start, null, "teleport", start));
    }

    @Test
    void addsTheEndOfASessionReportedAgainAndIgnoresARepeat() {
        Instant start = FROM.plusSeconds(60);
        Instant end = start.plusSeconds(600);
        fixture.given(requested(), approvedBy("carol"), granted(),
                        new AccessUsed(ID, "s-1", start, null, "teleport", start))
                .when(new RecordSessionCommand(ID, "s-1", start, end, "teleport", end))
                .expectEvents(new AccessUsed(ID, "s-1", start, end, "teleport", end));
        fixture.given(requested(), approvedBy("carol"), granted(),
                        new AccessUsed(ID, "s-1", start, end, "teleport", end))
                .when(new RecordSessionCommand(ID, "s-1", start, end, "teleport", end))
                .expectNoEvents();
    }

    @Test
    void rejectsUsingAnExpiredGrant() {
        fixture.given(requested(), approvedBy("carol"), granted(), new AccessExpired(ID, UNTIL))
                .when(new RecordSessionCommand(ID, "s-9", UNTIL.plusSeconds(1), null, "teleport", UNTIL.plusSeconds(1)))
                .expectException(AccessRuleException.class)
                .expectExceptionMessage("Access grant-1 expired at " + UNTIL + " and cannot be used at "
                        + UNTIL.plusSeconds(1));
    }

    @Test
    void rejectsUsingAGrantPastItsWindowEvenBeforeTheExpiryIsRecorded() {
        fixture.given(requested(), approvedBy("carol"), granted())
                .when(new RecordSessionCommand(ID, "s-9", UNTIL, null, "teleport", UNTIL))
                .expectException(AccessRuleException.class);
    }

    @Test
    void rejectsUsingARevokedGrant() {
        Instant revokedAt = FROM.plusSeconds(60);
        fixture.given(requested(), approvedBy("carol"), granted(),
                        new AccessRevoked(ID, "erin", "left the team", null, revokedAt))
                .when(new RecordSessionCommand(ID, "s-9", revokedAt.plusSeconds(1), null, "teleport", revokedAt))
                .expectException(AccessRuleException.class)
                .expectExceptionMessage("Access grant-1 revoked at " + revokedAt + " and cannot be used at "
                        + revokedAt.plusSeconds(1));
    }

    @Test
    void rejectsUsingAGrantNeverGranted() {
        fixture.given(requested())
                .when(new RecordSessionCommand(ID, "s-1", FROM, null, "teleport", FROM))
                .expectException(AccessRuleException.class)
                .expectExceptionMessage("Access grant-1 was never granted and cannot be used");
    }

    @Test
    void recordsASessionThatBeganBeforeTheWindowForTheQuerySideToFlag() {
        Instant early = FROM.minusSeconds(60);
        fixture.given(requested(), approvedBy("carol"), granted())
                .when(new RecordSessionCommand(ID, "s-0", early, null, "teleport", early))
                .expectEvents(new AccessUsed(ID, "s-0", early, null, "teleport", early));
    }

    @Test
    void revokesAnActiveGrant() {
        Instant at = FROM.plusSeconds(60);
        fixture.given(requested(), approvedBy("carol"), granted())
                .when(new RevokeAccessCommand(ID, "erin", "left the team", null, at))
                .expectEvents(new AccessRevoked(ID, "erin", "left the team", null, at));
    }

    @Test
    void rejectsRevokingTwice() {
        Instant at = FROM.plusSeconds(60);
        fixture.given(requested(), approvedBy("carol"), granted(), new AccessRevoked(ID, "erin", null, null, at))
                .when(new RevokeAccessCommand(ID, "erin", null, null, at.plusSeconds(1)))
                .expectException(AccessRuleException.class)
                .expectExceptionMessage("Access grant-1 is already revoked");
    }

    @Test
    void rejectsRevokingAnExpiredGrant() {
        fixture.given(requested(), approvedBy("carol"), granted(), new AccessExpired(ID, UNTIL))
                .when(new RevokeAccessCommand(ID, "erin", null, null, UNTIL.plusSeconds(1)))
                .expectException(AccessRuleException.class)
                .expectExceptionMessage("Access grant-1 already expired at " + UNTIL);
    }

    @Test
    void rejectsRevokingARequestThatWasNeverGranted() {
        fixture.given(requested())
                .when(new RevokeAccessCommand(ID, "erin", null, null, T1))
                .expectException(AccessRuleException.class)
                .expectExceptionMessage("Access grant-1 was never granted, so it cannot be revoked");
    }

    @Test
    void ignoresARevocationByAReviewOfAGrantThatEndedMeanwhile() {
        fixture.given(requested(), approvedBy("carol"), granted(), new AccessExpired(ID, UNTIL))
                .when(new RevokeAccessCommand(ID, "erin", null, "review-1", UNTIL.plusSeconds(1)))
                .expectNoEvents();
    }

    @Test
    void expiresAtTheEndOfTheWindowWheneverTheCheckRuns() {
        fixture.given(requested(), approvedBy("carol"), granted())
                .when(new ExpireAccessCommand(ID, UNTIL.plusSeconds(42)))
                .expectEvents(new AccessExpired(ID, UNTIL));
    }

    @Test
    void expiresNothingBeforeTheEndOfTheWindowNorTwice() {
        fixture.given(requested(), approvedBy("carol"), granted())
                .when(new ExpireAccessCommand(ID, UNTIL.minusSeconds(1)))
                .expectNoEvents();
        fixture.given(requested(), approvedBy("carol"), granted(), new AccessExpired(ID, UNTIL))
                .when(new ExpireAccessCommand(ID, UNTIL.plusSeconds(60)))
                .expectNoEvents();
    }

    @Test
    void grantsBreakGlassAccessAtOnceAndOpensItsMandatoryReview() {
        fixture.givenNoPriorActivity()
                .when(new BreakGlassCommand(ID, "alice", "checkout", null, "admin", true, "checkout is down",
                        Duration.ofHours(1), null, "INC-7", "pagerduty", ONE_APPROVAL, T0))
                .expectEvents(
                        new AccessRequested(ID, "alice", "checkout", null, "admin", true, true, "checkout is down",
                                Duration.ofHours(1), null, "INC-7", "alice", "pagerduty", ONE_APPROVAL, T0),
                        new AccessGranted(ID, T0, T0.plus(Duration.ofHours(1)), AccessGrant.BREAK_GLASS_GRANTOR, T0),
                        new BreakGlassReviewOpened(ID, T0.plus(Duration.ofHours(72)), T0));
    }

    @Test
    void rejectsBreakGlassAccessLongerThanItsShortMaximum() {
        fixture.givenNoPriorActivity()
                .when(new BreakGlassCommand(ID, "alice", "checkout", null, "admin", true, "checkout is down",
                        Duration.ofHours(3), null, "INC-7", "pagerduty", ONE_APPROVAL, T0))
                .expectException(AccessRuleException.class)
                .expectExceptionMessage("The break-glass duration PT3H exceeds the policy's maximum of PT2H");
    }

    private Object[] breakGlassHistory() {
        return new Object[]{
                new AccessRequested(ID, "alice", "checkout", null, "admin", true, true, "checkout is down",
                        Duration.ofHours(1), null, "INC-7", "alice", "pagerduty", ONE_APPROVAL, T0),
                new AccessGranted(ID, T0, T0.plus(Duration.ofHours(1)), AccessGrant.BREAK_GLASS_GRANTOR, T0),
                new BreakGlassReviewOpened(ID, T0.plus(Duration.ofHours(72)), T0)};
    }

    @Test
    void completesTheBreakGlassReviewBySomeoneElse() {
        Instant at = T0.plus(Duration.ofHours(5));
        fixture.given(breakGlassHistory())
                .when(new CompleteBreakGlassReviewCommand(ID, "erin", ReviewOutcome.ACCEPTED, "justified", at))
                .expectEvents(new BreakGlassReviewCompleted(ID, "erin", ReviewOutcome.ACCEPTED, "justified", at));
    }

    @Test
    void rejectsAReviewOfBreakGlassAccessByItsPrincipal() {
        fixture.given(breakGlassHistory())
                .when(new CompleteBreakGlassReviewCommand(ID, "alice", ReviewOutcome.ACCEPTED, null, T1))
                .expectException(AccessRuleException.class)
                .expectExceptionMessage("alice used break-glass access grant-1 and cannot review it: segregation of duties");
    }

    @Test
    void rejectsABreakGlassReviewOfOrdinaryAccess() {
        fixture.given(requested(), approvedBy("carol"), granted())
                .when(new CompleteBreakGlassReviewCommand(ID, "erin", ReviewOutcome.ACCEPTED, null, T1))
                .expectException(AccessRuleException.class);
    }

    @Test
    void flagsAnOverdueBreakGlassReviewOnceAsAViolation() {
        Instant due = T0.plus(Duration.ofHours(72));
        fixture.given(breakGlassHistory())
                .when(new FlagOverdueBreakGlassReviewCommand(ID, due))
                .expectEvents(new BreakGlassReviewOverdue(ID, due, due),
                        new AccessViolationDetected(ID, "BREAK_GLASS_REVIEW-1", Control.BREAK_GLASS_REVIEW,
                                "break-glass access of alice not reviewed by " + due, null, due));
        fixture.given(breakGlassHistory())
                .andGiven(new BreakGlassReviewOverdue(ID, due, due))
                .when(new FlagOverdueBreakGlassReviewCommand(ID, due.plusSeconds(30)))
                .expectNoEvents();
    }

    @Test
    void recordsStandingAccessApprovedBySomeoneElseWithoutAViolation() {
        fixture.givenNoPriorActivity()
                .when(new RecordStandingAccessCommand(ID, "svc-deployer", "checkout", null, "cluster-admin", true,
                        "okta", "grace", "heidi", ONE_APPROVAL, T0))
                .expectEvents(standing(true, "heidi"));
    }

    @Test
    void flagsStandingAccessNobodyElseApproved() {
        fixture.givenNoPriorActivity()
                .when(new RecordStandingAccessCommand(ID, "svc-deployer", "checkout", null, "cluster-admin", true,
                        "okta", "grace", null, ONE_APPROVAL, T0))
                .expectEvents(standing(true, null),
                        new AccessViolationDetected(ID, "ACCESS_APPROVAL-1", Control.ACCESS_APPROVAL,
                                "standing access of svc-deployer was approved by nobody", "okta", T0));
    }

    @Test
    void removesStandingAccessOnce() {
        fixture.given(standing(false, "heidi"))
                .when(new RemoveStandingAccessCommand(ID, "grace", "okta", T1))
                .expectEvents(new StandingAccessRemoved(ID, "grace", "okta", T1));
        fixture.given(standing(false, "heidi"), new StandingAccessRemoved(ID, "grace", "okta", T1))
                .when(new RemoveStandingAccessCommand(ID, "grace", "okta", T1))
                .expectException(AccessRuleException.class);
    }

    @Test
    void flagsStandingPrivilegedAccessNotCertifiedWithinTheIntervalOncePerDeadline() {
        Instant due = T0.plus(Duration.ofDays(90));
        fixture.given(standing(true, "heidi"))
                .when(new FlagUncertifiedAccessCommand(ID, due.plusSeconds(5)))
                .expectEvents(new AccessViolationDetected(ID, "PRIVILEGED_ACCESS_BOUNDED-1",
                        Control.PRIVILEGED_ACCESS_BOUNDED, "standing privileged access of svc-deployer was not"
                        + " certified by a review since " + T0 + " (due " + due + ")", null, due.plusSeconds(5)));
        fixture.given(standing(true, "heidi"), new AccessViolationDetected(ID, "PRIVILEGED_ACCESS_BOUNDED-1",
                        Control.PRIVILEGED_ACCESS_BOUNDED, "not certified", null, due))
                .when(new FlagUncertifiedAccessCommand(ID, due.plusSeconds(60)))
                .expectNoEvents();
    }

    @Test
    void aCertificationMovesTheNextDeadline() {
        Instant certified = T0.plus(Duration.ofDays(80));
        fixture.given(standing(true, "heidi"), new AccessCertified(ID, "review-1", "erin", null, certified))
                .when(new FlagUncertifiedAccessCommand(ID, T0.plus(Duration.ofDays(91))))
                .expectNoEvents();
    }

    @Test
    void certifiesAnActiveGrantButNotByItsPrincipal() {
        fixture.given(standing(true, "heidi"))
                .when(new CertifyAccessCommand(ID, "review-1", "erin", "still on call", T1))
                .expectEvents(new AccessCertified(ID, "review-1", "erin", "still on call", T1));
        fixture.given(standing(true, "heidi"))
                .when(new CertifyAccessCommand(ID, "review-1", "svc-deployer", null, T1))
                .expectException(AccessRuleException.class);
    }
}
