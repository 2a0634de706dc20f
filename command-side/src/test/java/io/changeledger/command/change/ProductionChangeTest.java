package io.changeledger.command.change;

import io.changeledger.events.SampleEvents;
import io.changeledger.events.change.ChangeApproved;
import io.changeledger.events.change.ChangeCompleted;
import io.changeledger.events.change.ChangeDetails;
import io.changeledger.events.change.ChangeFailed;
import io.changeledger.events.change.ChangeKind;
import io.changeledger.events.change.ChangeOutcome;
import io.changeledger.events.change.ChangeRecorded;
import io.changeledger.events.change.ChangeRejected;
import io.changeledger.events.change.ChangeRequested;
import io.changeledger.events.change.ChangeRolledBack;
import io.changeledger.events.change.ChangeStarted;
import io.changeledger.events.change.Control;
import io.changeledger.events.change.ControlPolicy;
import io.changeledger.events.change.ControlViolationDetected;
import io.changeledger.events.change.ControlViolationResolved;
import io.changeledger.events.change.DeploymentRecorded;
import io.changeledger.events.change.EvidenceAttached;
import io.changeledger.events.change.EvidenceLink;
import io.changeledger.events.change.RetrospectiveReviewCompleted;
import io.changeledger.events.change.RetrospectiveReviewOpened;
import io.changeledger.events.change.RetrospectiveReviewOverdue;
import io.changeledger.events.change.ReviewOutcome;
import io.changeledger.events.change.RiskLevel;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

class ProductionChangeTest {

    private static final String ID = "change-1";
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(600);
    private static final Instant T2 = T0.plusSeconds(1200);
    private static final ChangeDetails DEPLOY = new ChangeDetails.Deployment("1.4.2", null);
    private static final ChangeDetails HOTFIX = new ChangeDetails.Hotfix("1.4.3", null, "INC-7");
    private static final ControlPolicy PRODUCTION = new ControlPolicy(true, 1, true, true, Duration.ofHours(72));
    private static final ControlPolicy PRODUCTION_HIGH_RISK = new ControlPolicy(true, 2, true, true,
            Duration.ofHours(72));
    private static final ControlPolicy STAGING = new ControlPolicy(false, 0, false, false, Duration.ofHours(72));
    private static final EvidenceLink PULL_REQUEST = new EvidenceLink(EvidenceLink.EvidenceType.PULL_REQUEST,
            "https://github.com/acme/checkout/pull/42", null, null);

    private AggregateTestFixture<ProductionChange> fixture;
    private final InMemoryControls controls = new InMemoryControls();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ProductionChange.class);
        fixture.registerInjectableResource(new ChangePolicies(new ChangePolicyProperties(
                Set.of("production"), List.of("staging"), Duration.ofHours(72), Duration.ofSeconds(30),
                Duration.ofHours(1), new ChangePolicyProperties.Rules(1, 2, true, true),
                new ChangePolicyProperties.Rules(0, 0, false, false), Map.of())));
        fixture.registerInjectableResource(controls);
        controls.staged.add("checkout@1.4.2");
    }

    private static ChangeRequested requested(ChangeDetails details, String environment, ControlPolicy policy,
                                             boolean emergency) {
        return new ChangeRequested(ID, details, "checkout", environment, "alice", "api",
                ProductionChange.correlationKey(null, "checkout", environment, details), RiskLevel.MEDIUM, null,
                emergency, policy, null, null, T0);
    }

    private static ChangeRequested requestedInProduction() {
        return requested(DEPLOY, "production", PRODUCTION, false);
    }

    private static RequestChangeCommand request(ChangeDetails details, String environment, RiskLevel risk) {
        return new RequestChangeCommand(ID, details, "checkout", environment, "alice", "api", null, risk, null,
                false, null, null, T0);
    }

    private static ControlViolationDetected violation(int number, Control control, String detail, String reference,
                                                      Instant at) {
        return new ControlViolationDetected(ID, control.name() + "-" + number, control, detail, reference, at);
    }

    @ParameterizedTest
    @EnumSource(ChangeKind.class)
    void requestsAChangeOfEveryKind(ChangeKind kind) {
        ChangeDetails details = SampleEvents.details().get(kind);
        boolean emergency = kind == ChangeKind.HOTFIX;
        fixture.givenNoPriorActivity()
                .when(request(details, "production", RiskLevel.MEDIUM))
                .expectEvents(requested(details, "production", PRODUCTION, emergency));
    }

    @ParameterizedTest
    @EnumSource(ChangeKind.class)
    void recordsAReportedChangeOfEveryKindInStaging(ChangeKind kind) {
        ChangeDetails details = SampleEvents.details().get(kind);
        boolean emergency = kind == ChangeKind.HOTFIX;
        var recorded = new ChangeRecorded(ID, details, "checkout", "staging", "bob", "argocd",
                ProductionChange.correlationKey(null, "checkout", "staging", details), ChangeOutcome.COMPLETED,
                emergency, STAGING, null, null, T0);
        List<Object> expected = new ArrayList<>(List.of(recorded));
        if (emergency) {
            expected.add(new RetrospectiveReviewOpened(ID, T0.plus(Duration.ofHours(72)), T0));
        }
        fixture.givenNoPriorActivity()
                .when(new RecordChangeCommand(ID, details, "checkout", "staging", "bob", "argocd", null,
                        ChangeOutcome.COMPLETED, false, null, null, T0))
                .expectEvents(expected.toArray());
    }

    @Test
    void asksMoreApprovalsOfAHighRiskProductionChange() {
        fixture.givenNoPriorActivity()
                .when(request(DEPLOY, "production", RiskLevel.HIGH))
                .expectEvents(new ChangeRequested(ID, DEPLOY, "checkout", "production", "alice", "api",
                        "checkout/production/1.4.2", RiskLevel.HIGH, null, false, PRODUCTION_HIGH_RISK, null, null, T0));
    }

    @Test
    void rejectsARequestWithoutARequester() {
        fixture.givenNoPriorActivity()
                .when(new RequestChangeCommand(ID, DEPLOY, "checkout", "production", " ", "api", null,
                        RiskLevel.LOW, null, false, null, null, T0))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("requester is required")
                .expectNoEvents();
    }

    @Test
    void approvesARequestedChange() {
        fixture.given(requestedInProduction())
                .when(new ApproveChangeCommand(ID, "carol", "looks good", false, T1))
                .expectEvents(new ChangeApproved(ID, "carol", "looks good", false, T1));
    }

    @Test
    void rejectsApprovalByTheRequester() {
        fixture.given(requestedInProduction())
                .when(new ApproveChangeCommand(ID, "alice", null, false, T1))
                .expectException(ChangeRuleException.class)
                .expectExceptionMessage("alice requested change change-1 and cannot approve it: segregation of duties")
                .expectNoEvents();
    }

    @Test
    void rejectsApprovingTwiceByTheSameApprover() {
        fixture.given(requestedInProduction(), new ChangeApproved(ID, "carol", null, false, T1))
                .when(new ApproveChangeCommand(ID, "carol", null, false, T1))
                .expectException(ChangeRuleException.class)
                .expectExceptionMessage("carol has already approved change change-1")
                .expectNoEvents();
    }

    @Test
    void acceptsASecondApproverWherePolicyAsksForTwo() {
        fixture.given(requested(DEPLOY, "production", PRODUCTION_HIGH_RISK, false),
                        new ChangeApproved(ID, "carol", null, false, T1))
                .when(new ApproveChangeCommand(ID, "dave", null, false, T1))
                .expectEvents(new ChangeApproved(ID, "dave", null, false, T1));
    }

    @Test
    void rejectsApprovingARejectedChange() {
        fixture.given(requestedInProduction(), new ChangeRejected(ID, "carol", "no rollback plan", T1))
                .when(new ApproveChangeCommand(ID, "dave", null, false, T1))
                .expectException(ChangeRuleException.class)
                .expectExceptionMessage("Change change-1 was rejected and cannot be approved")
                .expectNoEvents();
    }

    @Test
    void rejectsApprovingAChangeThatAlreadyStarted() {
        fixture.given(requestedInProduction(), new ChangeApproved(ID, "carol", null, false, T1),
                        new ChangeStarted(ID, "bob", "api", T1))
                .when(new ApproveChangeCommand(ID, "dave", null, false, T2))
                .expectException(ChangeRuleException.class)
                .expectNoEvents();
    }

    @Test
    void rejectsARequestedChange() {
        fixture.given(requestedInProduction())
                .when(new RejectChangeCommand(ID, "carol", "no rollback plan", T1))
                .expectEvents(new ChangeRejected(ID, "carol", "no rollback plan", T1));
    }

    @Test
    void refusesToStartARejectedChange() {
        fixture.given(requestedInProduction(), new ChangeRejected(ID, "carol", "no rollback plan", T1))
                .when(new StartChangeCommand(ID, "bob", "api", T2))
                .expectException(ChangeRuleException.class)
                .expectExceptionMessage("Change change-1 was rejected and cannot start")
                .expectNoEvents();
    }

    @Test
    void startsAnApprovedStagedChangeWithoutViolations() {
        fixture.given(requestedInProduction(), new ChangeApproved(ID, "carol", null, false, T1))
                .when(new StartChangeCommand(ID, "bob", "argocd", T2))
                .expectEvents(new ChangeStarted(ID, "bob", "argocd", T2));
    }

    @Test
    void flagsAProductionChangeStartedWithoutApproval() {
        fixture.given(requestedInProduction())
                .when(new StartChangeCommand(ID, "bob", "argocd", T2))
                .expectEvents(new ChangeStarted(ID, "bob", "argocd", T2),
                        violation(1, Control.APPROVAL_BEFORE_DEPLOYMENT, "started with 0 of 1 required approvals",
                                null, T2));
    }

    @Test
    void flagsTheRequesterDeployingTheirOwnChange() {
        fixture.given(requestedInProduction(), new ChangeApproved(ID, "carol", null, false, T1))
                .when(new StartChangeCommand(ID, "alice", "api", T2))
                .expectEvents(new ChangeStarted(ID, "alice", "api", T2),
                        violation(1, Control.SEGREGATION_OF_DUTIES, "alice requested the change and also deployed it",
                                null, T2));
    }

    @Test
    void flagsTheApproverDeployingTheChangeTheyApproved() {
        fixture.given(requestedInProduction(), new ChangeApproved(ID, "carol", null, false, T1))
                .when(new StartChangeCommand(ID, "carol", "api", T2))
                .expectEvents(new ChangeStarted(ID, "carol", "api", T2),
                        violation(1, Control.SEGREGATION_OF_DUTIES, "carol approved the change and also deployed it",
                                null, T2));
    }

    @Test
    void leavesSegregationOfDutiesToThePolicyOfTheEnvironment() {
        fixture.given(requested(DEPLOY, "staging", STAGING, false))
                .when(new StartChangeCommand(ID, "alice", "api", T2))
                .expectEvents(new ChangeStarted(ID, "alice", "api", T2));
    }

    @Test
    void flagsAChangeDuringAFreeze() {
        controls.freezes.add(new ChangeControls.FreezeWindow("freeze-1", "year-end"));
        fixture.given(requestedInProduction(), new ChangeApproved(ID, "carol", null, false, T1))
                .when(new StartChangeCommand(ID, "bob", "api", T2))
                .expectEvents(new ChangeStarted(ID, "bob", "api", T2),
                        violation(1, Control.CHANGE_FREEZE,
                                "made during freeze 'year-end' without an exception approval", "freeze-1", T2));
    }

    @Test
    void acceptsAChangeDuringAFreezeWithAnExceptionApproval() {
        controls.freezes.add(new ChangeControls.FreezeWindow("freeze-1", "year-end"));
        fixture.given(requestedInProduction(), new ChangeApproved(ID, "carol", "security fix", true, T1))
                .when(new StartChangeCommand(ID, "bob", "api", T2))
                .expectEvents(new ChangeStarted(ID, "bob", "api", T2));
    }

    @Test
    void flagsAProductionDeploymentOfAVersionNeverDeployedToStaging() {
        controls.staged.clear();
        fixture.given(requestedInProduction(), new ChangeApproved(ID, "carol", null, false, T1))
                .when(new StartChangeCommand(ID, "bob", "api", T2))
                .expectEvents(new ChangeStarted(ID, "bob", "api", T2),
                        violation(1, Control.STAGING_BEFORE_PRODUCTION,
                                "version 1.4.2 of checkout was never deployed to a staging environment", null, T2));
    }

    @Test
    void numbersEachViolationOfAChange() {
        controls.staged.clear();
        fixture.given(requestedInProduction())
                .when(new StartChangeCommand(ID, "alice", "api", T2))
                .expectEvents(new ChangeStarted(ID, "alice", "api", T2),
                        violation(1, Control.SEGREGATION_OF_DUTIES, "alice requested the change and also deployed it",
                                null, T2),
                        violation(2, Control.APPROVAL_BEFORE_DEPLOYMENT, "started with 0 of 1 required approvals",
                                null, T2),
                        violation(3, Control.STAGING_BEFORE_PRODUCTION,
                                "version 1.4.2 of checkout was never deployed to a staging environment", null, T2));
    }

    @Test
    void completesAStartedChange() {
        fixture.given(requestedInProduction(), new ChangeApproved(ID, "carol", null, false, T1),
                        new ChangeStarted(ID, "bob", "api", T1))
                .when(new CompleteChangeCommand(ID, "bob", "api", T2))
                .expectEvents(new ChangeCompleted(ID, "bob", "api", T2));
    }

    @Test
    void rejectsCompletingAChangeThatNeverStarted() {
        fixture.given(requestedInProduction(), new ChangeApproved(ID, "carol", null, false, T1))
                .when(new CompleteChangeCommand(ID, "bob", "api", T2))
                .expectException(ChangeRuleException.class)
                .expectExceptionMessage("Change change-1 never started, so it cannot be completed")
                .expectNoEvents();
    }

    @Test
    void rejectsACompletionBeforeTheStart() {
        fixture.given(requestedInProduction(), new ChangeStarted(ID, "bob", "api", T2))
                .when(new CompleteChangeCommand(ID, "bob", "api", T1))
                .expectException(ChangeRuleException.class)
                .expectExceptionMessage("Change change-1 started at " + T2 + " and cannot be completed earlier, at "
                        + T1)
                .expectNoEvents();
    }

    @Test
    void recordsAFailedChange() {
        fixture.given(requestedInProduction(), new ChangeStarted(ID, "bob", "api", T1))
                .when(new FailChangeCommand(ID, "bob", "api", "health checks failed", T2))
                .expectEvents(new ChangeFailed(ID, "bob", "api", "health checks failed", T2));
    }

    @Test
    void rejectsFailingACompletedChange() {
        fixture.given(requestedInProduction(), new ChangeStarted(ID, "bob", "api", T1),
                        new ChangeCompleted(ID, "bob", "api", T1))
                .when(new FailChangeCommand(ID, "bob", "api", "late", T2))
                .expectException(ChangeRuleException.class)
                .expectNoEvents();
    }

    @Test
    void rollsBackACompletedChange() {
        fixture.given(requestedInProduction(), new ChangeStarted(ID, "bob", "api", T1),
                        new ChangeCompleted(ID, "bob", "api", T1))
                .when(new RollBackChangeCommand(ID, "dave", "api", "error rate doubled", T2))
                .expectEvents(new ChangeRolledBack(ID, "dave", "api", "error rate doubled", T2));
    }

    @Test
    void rejectsRollingBackAChangeThatNeverStarted() {
        fixture.given(requestedInProduction())
                .when(new RollBackChangeCommand(ID, "dave", "api", null, T2))
                .expectException(ChangeRuleException.class)
                .expectExceptionMessage("Change change-1 is REQUESTED; only a change that started can be rolled back")
                .expectNoEvents();
    }

    @Test
    void rollsBackADeploymentTheSkeletonRecorded() {
        fixture.given(new DeploymentRecorded(ID, "checkout", "production", "1.4.2", null, "alice", null, "api", T0))
                .when(new RollBackChangeCommand(ID, "dave", "api", "bad release", T2))
                .expectEvents(new ChangeRolledBack(ID, "dave", "api", "bad release", T2));
    }

    @Test
    void impliesTheStartWhenToolingReportsAPlannedChangeCompleted() {
        fixture.given(requestedInProduction(), new ChangeApproved(ID, "carol", null, false, T1))
                .when(new ReportChangeOutcomeCommand(ID, ChangeOutcome.COMPLETED, "argocd-bot", "argocd",
                        List.of(PULL_REQUEST), T2))
                .expectEvents(new ChangeStarted(ID, "argocd-bot", "argocd", T2),
                        new ChangeCompleted(ID, "argocd-bot", "argocd", T2),
                        new EvidenceAttached(ID, PULL_REQUEST, "argocd-bot", T2));
    }

    @Test
    void completesAnInProgressChangeThatToolingReportsCompleted() {
        fixture.given(requestedInProduction(), new ChangeApproved(ID, "carol", null, false, T1),
                        new ChangeStarted(ID, "bob", "api", T1))
                .when(new ReportChangeOutcomeCommand(ID, ChangeOutcome.COMPLETED, "argocd-bot", "argocd", null, T2))
                .expectEvents(new ChangeCompleted(ID, "argocd-bot", "argocd", T2));
    }

    @Test
    void rejectsAReportThatARejectedChangeCompleted() {
        fixture.given(requestedInProduction(), new ChangeRejected(ID, "carol", "no", T1))
                .when(new ReportChangeOutcomeCommand(ID, ChangeOutcome.COMPLETED, "argocd-bot", "argocd", null, T2))
                .expectException(ChangeRuleException.class)
                .expectNoEvents();
    }

    @Test
    void attachesEvidenceOnceHoweverOftenItIsSent() {
        fixture.given(requestedInProduction())
                .when(new AttachEvidenceCommand(ID, PULL_REQUEST, "ci-bot", T1))
                .expectEvents(new EvidenceAttached(ID, PULL_REQUEST, "ci-bot", T1));
        fixture.given(requestedInProduction(), new EvidenceAttached(ID, PULL_REQUEST, "ci-bot", T1))
                .when(new AttachEvidenceCommand(ID, PULL_REQUEST, "ci-bot", T2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void startsAnEmergencyChangeWithoutApprovalAndOpensItsReview() {
        fixture.given(requested(DEPLOY, "production", PRODUCTION, true))
                .when(new StartChangeCommand(ID, "bob", "api", T1))
                .expectEvents(new ChangeStarted(ID, "bob", "api", T1),
                        new RetrospectiveReviewOpened(ID, T1.plus(Duration.ofHours(72)), T1));
    }

    @Test
    void treatsAReportedProductionHotfixAsAnEmergency() {
        controls.staged.add("checkout@1.4.3");
        fixture.givenNoPriorActivity()
                .when(new RecordChangeCommand(ID, HOTFIX, "checkout", "production", "bob", "github", null,
                        ChangeOutcome.COMPLETED, false, null, null, T0))
                .expectEvents(new ChangeRecorded(ID, HOTFIX, "checkout", "production", "bob", "github",
                                "checkout/production/1.4.3", ChangeOutcome.COMPLETED, true, PRODUCTION, null, null, T0),
                        new RetrospectiveReviewOpened(ID, T0.plus(Duration.ofHours(72)), T0));
    }

    @Test
    void flagsAnUnplannedProductionDeploymentAsUnapproved() {
        fixture.givenNoPriorActivity()
                .when(new RecordChangeCommand(ID, DEPLOY, "checkout", "production", "bob", "github", null,
                        ChangeOutcome.COMPLETED, false, null, null, T0))
                .expectEvents(new ChangeRecorded(ID, DEPLOY, "checkout", "production", "bob", "github",
                                "checkout/production/1.4.2", ChangeOutcome.COMPLETED, false, PRODUCTION, null, null, T0),
                        violation(1, Control.APPROVAL_BEFORE_DEPLOYMENT, "started with 0 of 1 required approvals",
                                null, T0));
    }

    private Object[] emergencyStarted() {
        return new Object[]{requested(DEPLOY, "production", PRODUCTION, true), new ChangeStarted(ID, "bob", "api", T1),
                new RetrospectiveReviewOpened(ID, T1.plus(Duration.ofHours(72)), T1)};
    }

    @Test
    void completesTheReviewOfAnEmergencyChange() {
        fixture.given(emergencyStarted())
                .when(new CompleteReviewCommand(ID, "erin", ReviewOutcome.ACCEPTED, "necessary", T2))
                .expectEvents(new RetrospectiveReviewCompleted(ID, "erin", ReviewOutcome.ACCEPTED, "necessary", T2));
    }

    @Test
    void rejectsAReviewByTheDeployer() {
        fixture.given(emergencyStarted())
                .when(new CompleteReviewCommand(ID, "bob", ReviewOutcome.ACCEPTED, null, T2))
                .expectException(ChangeRuleException.class)
                .expectExceptionMessage("bob made change change-1 and cannot review it: segregation of duties")
                .expectNoEvents();
    }

    @Test
    void rejectsAReviewOfAChangeThatNeedsNone() {
        fixture.given(requestedInProduction())
                .when(new CompleteReviewCommand(ID, "erin", ReviewOutcome.ACCEPTED, null, T2))
                .expectException(ChangeRuleException.class)
                .expectExceptionMessage("Change change-1 has no retrospective review to complete")
                .expectNoEvents();
    }

    @Test
    void flagsAReviewOverdueAtItsDeadline() {
        Instant due = T1.plus(Duration.ofHours(72));
        fixture.given(emergencyStarted())
                .when(new FlagOverdueReviewCommand(ID, due))
                .expectEvents(new RetrospectiveReviewOverdue(ID, due, due),
                        violation(1, Control.EMERGENCY_REVIEW, "retrospective review not completed by " + due, null,
                                due));
    }

    @Test
    void doesNotFlagAReviewBeforeItsDeadline() {
        fixture.given(emergencyStarted())
                .when(new FlagOverdueReviewCommand(ID, T1.plus(Duration.ofHours(71))))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void flagsAnOverdueReviewOnlyOnce() {
        Instant due = T1.plus(Duration.ofHours(72));
        List<Object> history = new ArrayList<>(List.of(emergencyStarted()));
        history.add(new RetrospectiveReviewOverdue(ID, due, due));
        history.add(violation(1, Control.EMERGENCY_REVIEW, "late", null, due));
        fixture.given(history)
                .when(new FlagOverdueReviewCommand(ID, due.plusSeconds(30)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void recordsALateReviewAsAViolationEvenBeforeTheCheckNoticed() {
        Instant due = T1.plus(Duration.ofHours(72));
        Instant late = due.plusSeconds(3600);
        fixture.given(emergencyStarted())
                .when(new CompleteReviewCommand(ID, "erin", ReviewOutcome.ACCEPTED, null, late))
                .expectEvents(new RetrospectiveReviewOverdue(ID, due, late),
                        violation(1, Control.EMERGENCY_REVIEW, "retrospective review not completed by " + due, null,
                                late),
                        new RetrospectiveReviewCompleted(ID, "erin", ReviewOutcome.ACCEPTED, null, late));
    }

    @Test
    void resolvesAViolation() {
        fixture.given(requestedInProduction(), new ChangeStarted(ID, "bob", "api", T1),
                        violation(1, Control.APPROVAL_BEFORE_DEPLOYMENT, "unapproved", null, T1))
                .when(new ResolveViolationCommand(ID, "APPROVAL_BEFORE_DEPLOYMENT-1", "frank", "CAB accepted", T2))
                .expectEvents(new ControlViolationResolved(ID, "APPROVAL_BEFORE_DEPLOYMENT-1", "frank",
                        "CAB accepted", T2));
    }

    @Test
    void rejectsResolutionBySomeoneWhoMadeTheChange() {
        fixture.given(requestedInProduction(), new ChangeStarted(ID, "bob", "api", T1),
                        violation(1, Control.APPROVAL_BEFORE_DEPLOYMENT, "unapproved", null, T1))
                .when(new ResolveViolationCommand(ID, "APPROVAL_BEFORE_DEPLOYMENT-1", "bob", "fine", T2))
                .expectException(ChangeRuleException.class)
                .expectNoEvents();
    }

    @Test
    void rejectsResolvingAViolationTwiceOrOneThatDoesNotExist() {
        fixture.given(requestedInProduction(), new ChangeStarted(ID, "bob", "api", T1),
                        violation(1, Control.APPROVAL_BEFORE_DEPLOYMENT, "unapproved", null, T1),
                        new ControlViolationResolved(ID, "APPROVAL_BEFORE_DEPLOYMENT-1", "frank", "ok", T2))
                .when(new ResolveViolationCommand(ID, "APPROVAL_BEFORE_DEPLOYMENT-1", "grace", "ok", T2))
                .expectException(ChangeRuleException.class)
                .expectExceptionMessage("Violation APPROVAL_BEFORE_DEPLOYMENT-1 of change change-1 is already resolved");
        fixture.given(requestedInProduction())
                .when(new ResolveViolationCommand(ID, "CHANGE_FREEZE-9", "grace", "ok", T2))
                .expectException(ChangeRuleException.class)
                .expectExceptionMessage("Change change-1 has no violation CHANGE_FREEZE-9");
    }

    /** The controls' view of the world, held in memory: the freezes in force and the versions staged. */
    static final class InMemoryControls implements ChangeControls {

        final List<FreezeWindow> freezes = new ArrayList<>();
        final List<String> staged = new ArrayList<>();

        @Override
        public List<FreezeWindow> freezesCovering(String service, String environment, Instant at) {
            return List.copyOf(freezes);
        }

        @Override
        public boolean deployedToStaging(String service, String version, Instant atOrBefore) {
            return staged.contains(service + "@" + version);
        }
    }
}
