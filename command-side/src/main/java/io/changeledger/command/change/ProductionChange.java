package io.changeledger.command.change;

import io.changeledger.command.deadline.MandatoryReview;
import io.changeledger.events.Require;
import io.changeledger.events.change.ChangeApproved;
import io.changeledger.events.change.ChangeCompleted;
import io.changeledger.events.change.ChangeDetails;
import io.changeledger.events.change.ChangeFailed;
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
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One production change, planned or reported after the fact. Hard rules of its lifecycle reject the command
 * ({@link ChangeRuleException}); the controls that judge something that already happened in production are
 * recorded as {@link ControlViolationDetected} events, because a ledger cannot refuse a fact.
 */
@Aggregate
class ProductionChange {

    private static final ControlPolicy LEGACY_POLICY = new ControlPolicy(false, 0, false, false, Duration.ZERO);

    @AggregateIdentifier
    private String changeId;
    private Status status;
    private String service;
    private String environment;
    private String requester;
    private String deployer;
    private ChangeDetails details;
    private ControlPolicy policy;
    private boolean emergency;
    private boolean planned;
    private final Set<String> approvers = new LinkedHashSet<>();
    private boolean freezeException;
    private Instant startedAt;
    private final Set<EvidenceLink> evidence = new HashSet<>();
    private final MandatoryReview review = new MandatoryReview();
    private String reviewer;
    private final Map<String, Boolean> violationResolved = new HashMap<>();

    enum Status {
        REQUESTED, APPROVED, REJECTED, IN_PROGRESS, COMPLETED, FAILED, ROLLED_BACK;

        boolean awaitsStart() {
            return this == REQUESTED || this == APPROVED;
        }
    }


    protected ProductionChange() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    ProductionChange(RequestChangeCommand command, ChangePolicies policies) {
        Require.text(command.changeId(), "changeId");
        Require.text(command.service(), "service");
        Require.text(command.environment(), "environment");
        Require.text(command.requester(), "requester");
        Require.present(command.details(), "details");
        Require.present(command.risk(), "risk");
        Require.present(command.occurredAt(), "occurredAt");
        apply(new ChangeRequested(command.changeId(), command.details(), command.service(), command.environment(),
                command.requester(), command.sourceSystem(),
                correlationKey(command.correlationKey(), command.service(), command.environment(), command.details()),
                command.risk(), command.plannedWindow(), isEmergency(command.emergency(), command.details()),
                policies.policyFor(command.environment(), command.risk()), command.evidence(),
                command.attributes(), command.occurredAt()));
    }

    @CommandHandler
    ProductionChange(RecordChangeCommand command, ChangePolicies policies, ChangeControls controls) {
        Require.text(command.changeId(), "changeId");
        Require.text(command.service(), "service");
        Require.text(command.environment(), "environment");
        Require.text(command.actor(), "actor");
        Require.present(command.details(), "details");
        Require.present(command.outcome(), "outcome");
        Require.present(command.occurredAt(), "occurredAt");
        // a reported change is judged at the moment it touched production; its risk was never assessed
        apply(new ChangeRecorded(command.changeId(), command.details(), command.service(), command.environment(),
                command.actor(), command.sourceSystem(),
                correlationKey(command.correlationKey(), command.service(), command.environment(), command.details()),
                command.outcome(), isEmergency(command.emergency(), command.details()),
                policies.policyFor(command.environment(), null), command.evidence(), command.attributes(),
                command.occurredAt()))
                // in a constructor the state exists only once the first event was applied
                .andThen(() -> evaluateControls(command.actor(), command.occurredAt(), controls));
    }

    @CommandHandler
    void handle(ApproveChangeCommand command) {
        Require.text(command.approver(), "approver");
        if (status == Status.REJECTED) {
            throw new ChangeRuleException("Change " + changeId + " was rejected and cannot be approved");
        }
        if (!status.awaitsStart()) {
            throw new ChangeRuleException("Change " + changeId + " is " + status + "; only a change that has not"
                    + " started can be approved" + (emergency ? " (an emergency change gets a retrospective review)" : ""));
        }
        if (command.approver().equals(requester)) {
            throw new ChangeRuleException(command.approver() + " requested change " + changeId
                    + " and cannot approve it: segregation of duties");
        }
        if (approvers.contains(command.approver())) {
            throw new ChangeRuleException(command.approver() + " has already approved change " + changeId);
        }
        apply(new ChangeApproved(changeId, command.approver(), command.reason(), command.freezeException(),
                command.occurredAt()));
    }

    @CommandHandler
    void handle(RejectChangeCommand command) {
        Require.text(command.approver(), "approver");
        Require.text(command.reason(), "reason");
        if (!status.awaitsStart()) {
            throw new ChangeRuleException("Change " + changeId + " is " + status
                    + "; only a change that has not started can be rejected");
        }
        if (command.approver().equals(requester)) {
            throw new ChangeRuleException(command.approver() + " requested change " + changeId
                    + " and cannot decide on it: segregation of duties");
        }
        apply(new ChangeRejected(changeId, command.approver(), command.reason(), command.occurredAt()));
    }

    @CommandHandler
    void handle(StartChangeCommand command, ChangeControls controls) {
        Require.text(command.actor(), "actor");
        requireStartable();
        apply(new ChangeStarted(changeId, command.actor(), command.sourceSystem(), command.occurredAt()));
        evaluateControls(command.actor(), command.occurredAt(), controls);
    }

    @CommandHandler
    void handle(CompleteChangeCommand command) {
        Require.text(command.actor(), "actor");
        requireInProgress("completed", command.occurredAt());
        apply(new ChangeCompleted(changeId, command.actor(), command.sourceSystem(), command.occurredAt()));
    }

    @CommandHandler
    void handle(FailChangeCommand command) {
        Require.text(command.actor(), "actor");
        requireInProgress("failed", command.occurredAt());
        apply(new ChangeFailed(changeId, command.actor(), command.sourceSystem(), command.reason(),
                command.occurredAt()));
    }

    @CommandHandler
    void handle(RollBackChangeCommand command) {
        Require.text(command.actor(), "actor");
        if (status != Status.IN_PROGRESS && status != Status.COMPLETED && status != Status.FAILED) {
            throw new ChangeRuleException("Change " + changeId + " is " + status
                    + "; only a change that started can be rolled back");
        }
        requireNotBeforeStart("rolled back", command.occurredAt());
        apply(new ChangeRolledBack(changeId, command.actor(), command.sourceSystem(), command.reason(),
                command.occurredAt()));
    }

    /** Steps the tool did not report are implied: a planned change reported as completed has started too. */
    @CommandHandler
    void handle(ReportChangeOutcomeCommand command, ChangeControls controls) {
        Require.text(command.actor(), "actor");
        Require.present(command.outcome(), "outcome");
        Instant at = command.occurredAt();
        if (status.awaitsStart()) {
            requireStartable();
            apply(new ChangeStarted(changeId, command.actor(), command.sourceSystem(), at));
            evaluateControls(command.actor(), at, controls);
        } else if (!reportFits(command.outcome())) {
            throw new ChangeRuleException("Change " + changeId + " is " + status + "; it cannot be reported as "
                    + command.outcome());
        }
        switch (command.outcome()) {
            case STARTED -> { }
            case COMPLETED -> {
                if (status != Status.COMPLETED) {
                    requireNotBeforeStart("completed", at);
                    apply(new ChangeCompleted(changeId, command.actor(), command.sourceSystem(), at));
                }
            }
            case FAILED -> {
                if (status != Status.FAILED) {
                    requireNotBeforeStart("failed", at);
                    apply(new ChangeFailed(changeId, command.actor(), command.sourceSystem(), null, at));
                }
            }
            case ROLLED_BACK -> {
                if (status != Status.ROLLED_BACK) {
                    requireNotBeforeStart("rolled back", at);
                    apply(new ChangeRolledBack(changeId, command.actor(), command.sourceSystem(), null, at));
                }
            }
        }
        if (command.evidence() != null) {
            command.evidence().stream().filter(link -> !evidence.contains(link))
                    .forEach(link -> apply(new EvidenceAttached(changeId, link, command.actor(), at)));
        }
    }

    /** Attaching the same link twice records it once. */
    @CommandHandler
    void handle(AttachEvidenceCommand command) {
        Require.present(command.evidence(), "evidence");
        Require.text(command.attachedBy(), "attachedBy");
        if (!evidence.contains(command.evidence())) {
            apply(new EvidenceAttached(changeId, command.evidence(), command.attachedBy(), command.occurredAt()));
        }
    }

    @CommandHandler
    void handle(CompleteReviewCommand command) {
        Require.text(command.reviewer(), "reviewer");
        Require.present(command.outcome(), "outcome");
        if (!review.exists()) {
            throw new ChangeRuleException("Change " + changeId + " has no retrospective review to complete");
        }
        if (review.isDone()) {
            throw new ChangeRuleException("The retrospective review of change " + changeId
                    + " was already completed by " + reviewer);
        }
        if (command.reviewer().equals(requester) || command.reviewer().equals(deployer)) {
            throw new ChangeRuleException(command.reviewer() + " made change " + changeId
                    + " and cannot review it: segregation of duties");
        }
        if (review.lateAt(command.occurredAt())) {
            flagOverdue(command.occurredAt());
        }
        apply(new RetrospectiveReviewCompleted(changeId, command.reviewer(), command.outcome(), command.notes(),
                command.occurredAt()));
    }

    /** Idempotent: the deadline scheduler may ask again, or on several instances at once. */
    @CommandHandler
    void handle(FlagOverdueReviewCommand command) {
        if (review.overdueAt(command.now())) {
            flagOverdue(command.now());
        }
    }

    @CommandHandler
    void handle(ResolveViolationCommand command) {
        Require.text(command.resolvedBy(), "resolvedBy");
        Require.text(command.resolution(), "resolution");
        Boolean resolved = violationResolved.get(command.violationId());
        if (resolved == null) {
            throw new ChangeRuleException("Change " + changeId + " has no violation " + command.violationId());
        }
        if (resolved) {
            throw new ChangeRuleException("Violation " + command.violationId() + " of change " + changeId
                    + " is already resolved");
        }
        if (command.resolvedBy().equals(requester) || command.resolvedBy().equals(deployer)
                || approvers.contains(command.resolvedBy())) {
            throw new ChangeRuleException(command.resolvedBy() + " took part in change " + changeId
                    + " and cannot resolve its violations: segregation of duties");
        }
        apply(new ControlViolationResolved(changeId, command.violationId(), command.resolvedBy(),
                command.resolution(), command.occurredAt()));
    }

    /**
     * The controls of the moment a change touches production. Each broken control becomes an event; the
     * policy judged by is the one the change carries, so a change is never judged by rules younger than itself.
     */
    private void evaluateControls(String actor, Instant at, ChangeControls controls) {
        if (planned && policy.segregationOfDuties() && (actor.equals(requester) || approvers.contains(actor))) {
            violation(Control.SEGREGATION_OF_DUTIES, actor + (actor.equals(requester) ? " requested" : " approved")
                    + " the change and also deployed it", null, at);
        }
        if (!emergency && approvers.size() < policy.requiredApprovals()) {
            violation(Control.APPROVAL_BEFORE_DEPLOYMENT, "started with " + approvers.size() + " of "
                    + policy.requiredApprovals() + " required approvals", null, at);
        }
        if (!freezeException) {
            for (ChangeControls.FreezeWindow freeze : controls.freezesCovering(service, environment, at)) {
                violation(Control.CHANGE_FREEZE, "made during freeze '" + freeze.reason()
                        + "' without an exception approval", freeze.freezeId(), at);
            }
        }
        String version = details.deployedVersion();
        if (policy.stagingRequired() && version != null && !controls.deployedToStaging(service, version, at)) {
            violation(Control.STAGING_BEFORE_PRODUCTION, "version " + version + " of " + service
                    + " was never deployed to a staging environment", null, at);
        }
        if (emergency && !review.exists()) {
            apply(new RetrospectiveReviewOpened(changeId, at.plus(policy.reviewDeadline()), at));
        }
    }

    private void flagOverdue(Instant now) {
        apply(new RetrospectiveReviewOverdue(changeId, review.dueAt(), now));
        violation(Control.EMERGENCY_REVIEW, "retrospective review not completed by " + review.dueAt(), null, now);
    }

    private void violation(Control control, String detail, String reference, Instant at) {
        String violationId = control.name() + "-" + (violationResolved.size() + 1);
        apply(new ControlViolationDetected(changeId, violationId, control, detail, reference, at));
    }

    private boolean reportFits(ChangeOutcome outcome) {
        return switch (status) {
            case IN_PROGRESS -> true;
            case COMPLETED -> outcome == ChangeOutcome.COMPLETED || outcome == ChangeOutcome.ROLLED_BACK;
            case FAILED -> outcome == ChangeOutcome.FAILED || outcome == ChangeOutcome.ROLLED_BACK;
            case ROLLED_BACK -> outcome == ChangeOutcome.ROLLED_BACK;
            default -> false;
        };
    }

    private void requireStartable() {
        if (status == Status.REJECTED) {
            throw new ChangeRuleException("Change " + changeId + " was rejected and cannot start");
        }
        if (!status.awaitsStart()) {
            throw new ChangeRuleException("Change " + changeId + " is " + status + " and cannot start again");
        }
    }

    private void requireInProgress(String step, Instant at) {
        if (status.awaitsStart()) {
            throw new ChangeRuleException("Change " + changeId + " never started, so it cannot be " + step);
        }
        if (status != Status.IN_PROGRESS) {
            throw new ChangeRuleException("Change " + changeId + " is " + status + " and cannot be " + step);
        }
        requireNotBeforeStart(step, at);
    }

    /** Late events are welcome, but a change cannot end before it began: that would reorder its history. */
    private void requireNotBeforeStart(String step, Instant at) {
        Require.present(at, "occurredAt");
        if (startedAt != null && at.isBefore(startedAt)) {
            throw new ChangeRuleException("Change " + changeId + " started at " + startedAt
                    + " and cannot be " + step + " earlier, at " + at);
        }
    }

    private static boolean isEmergency(boolean flagged, ChangeDetails details) {
        return flagged || details instanceof ChangeDetails.Hotfix;
    }

    /** Service, environment and version identify a deployment in every tool, so they correlate by default. */
    static String correlationKey(String given, String service, String environment, ChangeDetails details) {
        if (given != null && !given.isBlank()) {
            return given;
        }
        String version = details == null ? null : details.deployedVersion();
        return version == null ? null : service + "/" + environment + "/" + version;
    }

    @EventSourcingHandler
    void on(ChangeRequested event) {
        changeId = event.changeId();
        status = Status.REQUESTED;
        service = event.service();
        environment = event.environment();
        requester = event.requester();
        details = event.details();
        policy = event.policy();
        emergency = event.emergency();
        planned = true;
        evidence.addAll(event.evidence());
    }

    @EventSourcingHandler
    void on(ChangeRecorded event) {
        changeId = event.changeId();
        status = switch (event.outcome()) {
            case STARTED -> Status.IN_PROGRESS;
            case COMPLETED -> Status.COMPLETED;
            case FAILED -> Status.FAILED;
            case ROLLED_BACK -> Status.ROLLED_BACK;
        };
        service = event.service();
        environment = event.environment();
        requester = event.actor();
        deployer = event.actor();
        details = event.details();
        policy = event.policy();
        emergency = event.emergency();
        startedAt = event.occurredAt();
        evidence.addAll(event.evidence());
    }

    @EventSourcingHandler
    void on(DeploymentRecorded event) {
        changeId = event.changeId();
        status = Status.COMPLETED;
        service = event.service();
        environment = event.environment();
        requester = event.actor();
        deployer = event.actor();
        details = new ChangeDetails.Deployment(event.version(), event.artifactDigest());
        policy = LEGACY_POLICY;
        startedAt = event.occurredAt();
    }

    @EventSourcingHandler
    void on(ChangeApproved event) {
        approvers.add(event.approver());
        freezeException |= event.freezeException();
        status = Status.APPROVED;
    }

    @EventSourcingHandler
    void on(ChangeRejected event) {
        status = Status.REJECTED;
    }

    @EventSourcingHandler
    void on(ChangeStarted event) {
        status = Status.IN_PROGRESS;
        deployer = event.actor();
        startedAt = event.occurredAt();
    }

    @EventSourcingHandler
    void on(ChangeCompleted event) {
        status = Status.COMPLETED;
    }

    @EventSourcingHandler
    void on(ChangeFailed event) {
        status = Status.FAILED;
    }

    @EventSourcingHandler
    void on(ChangeRolledBack event) {
        status = Status.ROLLED_BACK;
    }

    @EventSourcingHandler
    void on(EvidenceAttached event) {
        evidence.add(event.evidence());
    }

    @EventSourcingHandler
    void on(RetrospectiveReviewOpened event) {
        review.opened(event.dueAt());
    }

    @EventSourcingHandler
    void on(RetrospectiveReviewOverdue event) {
        review.overdue();
    }

    @EventSourcingHandler
    void on(RetrospectiveReviewCompleted event) {
        review.done();
        reviewer = event.reviewer();
    }

    @EventSourcingHandler
    void on(ControlViolationDetected event) {
        violationResolved.put(event.violationId(), false);
    }

    @EventSourcingHandler
    void on(ControlViolationResolved event) {
        violationResolved.put(event.violationId(), true);
    }
}
