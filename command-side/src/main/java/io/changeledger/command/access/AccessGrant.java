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
import io.changeledger.command.deadline.MandatoryReview;
import io.changeledger.events.Require;
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
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One grant of access to a production system, from request to its end. The workflow's hard rules reject the
 * command ({@link AccessRuleException}); controls that judge a fact the ledger cannot refuse (standing access
 * nobody approved, a review not done in time) are recorded as {@link AccessViolationDetected} events.
 */
@Aggregate
class AccessGrant {

    static final String BREAK_GLASS_GRANTOR = "break-glass";

    @AggregateIdentifier
    private String grantId;
    private Status status;
    private String principal;
    private String requestedBy;
    private boolean privileged;
    private boolean standing;
    private Duration requestedDuration;
    private AccessPolicy policy;
    private final Set<String> approvers = new LinkedHashSet<>();
    private Instant validFrom;
    /** The end of the window; null for standing access. */
    private Instant validUntil;
    private Instant endedAt;
    private final MandatoryReview breakGlassReview = new MandatoryReview();
    /** When standing privileged access was last certified, or granted if it never was. */
    private Instant certifiedAt;
    /** The certification deadline already flagged as missed, so that it is flagged once. */
    private Instant flaggedCertificationDue;
    private final Map<String, Instant> sessionEnds = new HashMap<>();
    private int violations;

    enum Status { REQUESTED, DENIED, ACTIVE, REVOKED, EXPIRED, REMOVED }


    protected AccessGrant() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    AccessGrant(RequestAccessCommand command) {
        Require.present(command.requestedDuration(), "requestedDuration");
        Require.present(command.policy(), "policy");
        requireWithin(command.requestedDuration(), command.policy().maxDuration(), "requested duration");
        String requester = command.requestedBy() == null ? command.principal() : command.requestedBy();
        apply(new AccessRequested(command.grantId(), command.principal(), command.system(), command.resource(),
                command.role(), command.privileged(), false, command.justification(), command.requestedDuration(),
                command.changeId(), command.incidentId(), requester, command.sourceSystem(), command.policy(),
                command.occurredAt()));
    }

    /** Granted at once, without approval, for a short time; the mandatory review takes the approval's place. */
    @CommandHandler
    AccessGrant(BreakGlassCommand command) {
        Require.present(command.duration(), "duration");
        Require.present(command.policy(), "policy");
        Require.present(command.occurredAt(), "occurredAt");
        requireWithin(command.duration(), command.policy().breakGlassMaxDuration(), "break-glass duration");
        Instant at = command.occurredAt();
        apply(new AccessRequested(command.grantId(), command.principal(), command.system(), command.resource(),
                command.role(), command.privileged(), true, command.justification(), command.duration(),
                command.changeId(), command.incidentId(), command.principal(), command.sourceSystem(),
                command.policy(), at));
        apply(new AccessGranted(command.grantId(), at, at.plus(command.duration()), BREAK_GLASS_GRANTOR, at));
        apply(new BreakGlassReviewOpened(command.grantId(), at.plus(command.policy().reviewDeadline()), at));
    }

    @CommandHandler
    AccessGrant(RecordStandingAccessCommand command) {
        Require.present(command.policy(), "policy");
        apply(new StandingAccessGranted(command.grantId(), command.principal(), command.system(), command.resource(),
                command.role(), command.privileged(), command.sourceSystem(), command.assignedBy(),
                command.approvedBy(), command.policy(), command.occurredAt()))
                .andThen(() -> {
                    String approver = command.approvedBy();
                    if (approver == null || approver.isBlank() || approver.equals(principal)) {
                        violation(Control.ACCESS_APPROVAL, "standing access of " + principal + " was approved by "
                                + (approver == null || approver.isBlank() ? "nobody" : "its own principal"),
                                command.sourceSystem(), command.occurredAt());
                    }
                });
    }

    @CommandHandler
    void handle(ApproveAccessCommand command) {
        Require.text(command.approver(), "approver");
        requireUndecided("approved");
        requireSomeoneElse(command.approver(), "approve");
        if (approvers.contains(command.approver())) {
            throw new AccessRuleException(command.approver() + " has already approved access request " + grantId);
        }
        apply(new AccessApproved(grantId, command.approver(), command.reason(), command.occurredAt()));
    }

    @CommandHandler
    void handle(DenyAccessCommand command) {
        Require.text(command.deniedBy(), "deniedBy");
        Require.text(command.reason(), "reason");
        requireUndecided("denied");
        requireSomeoneElse(command.deniedBy(), "deny");
        apply(new AccessDenied(grantId, command.deniedBy(), command.reason(), command.occurredAt()));
    }

    @CommandHandler
    void handle(GrantAccessCommand command) {
        Require.text(command.grantedBy(), "grantedBy");
        Require.present(command.validFrom(), "validFrom");
        if (status == Status.DENIED) {
            throw new AccessRuleException("Access request " + grantId + " was denied and cannot be granted");
        }
        if (status != Status.REQUESTED) {
            throw new AccessRuleException("Access request " + grantId + " was already granted");
        }
        if (approvers.size() < policy.requiredApprovals()) {
            throw new AccessRuleException("Access request " + grantId + " has " + approvers.size() + " of "
                    + policy.requiredApprovals() + " required approvals and cannot be granted yet");
        }
        Instant until = command.validUntil() == null ? command.validFrom().plus(requestedDuration)
                : command.validUntil();
        if (!until.isAfter(command.validFrom())) {
            throw new IllegalArgumentException("validUntil must be after validFrom");
        }
        requireWithin(Duration.between(command.validFrom(), until), policy.maxDuration(), "granted window");
        apply(new AccessGranted(grantId, command.validFrom(), until, command.grantedBy(), command.occurredAt()));
    }

    /**
     * A session is refused if it began when the grant had already ended: a grant cannot be used after it expired
     * or was revoked. One that began before the window, or ran past its end, is a fact the query side flags.
     * Reporting a session again only adds its end.
     */
    @CommandHandler
    void handle(RecordSessionCommand command) {
        Require.text(command.sessionId(), "sessionId");
        Require.present(command.startedAt(), "startedAt");
        if (status == Status.REQUESTED || status == Status.DENIED) {
            throw new AccessRuleException("Access " + grantId + " was never granted and cannot be used");
        }
        if (sessionEnds.containsKey(command.sessionId())) {
            if (sessionEnds.get(command.sessionId()) == null && command.endedAt() != null) {
                apply(new AccessUsed(grantId, command.sessionId(), command.startedAt(), command.endedAt(),
                        command.sourceSystem(), command.occurredAt()));
            }
            return;
        }
        Instant end = effectiveEnd();
        if (end != null && !command.startedAt().isBefore(end)) {
            throw new AccessRuleException("Access " + grantId + " " + (status == Status.ACTIVE ? "expired"
                    : status.name().toLowerCase()) + " at " + end + " and cannot be used at " + command.startedAt());
        }
        apply(new AccessUsed(grantId, command.sessionId(), command.startedAt(), command.endedAt(),
                command.sourceSystem(), command.occurredAt()));
    }

    /** A review may decide to revoke a grant that ended meanwhile: then there is nothing left to revoke. */
    @CommandHandler
    void handle(RevokeAccessCommand command) {
        Require.text(command.revokedBy(), "revokedBy");
        Require.present(command.occurredAt(), "occurredAt");
        boolean ended = status != Status.ACTIVE
                || validUntil != null && !command.occurredAt().isBefore(validUntil);
        if (ended && command.reviewId() != null && status != Status.REQUESTED && status != Status.DENIED) {
            return;
        }
        switch (status) {
            case REQUESTED, DENIED -> throw new AccessRuleException("Access " + grantId
                    + " was never granted, so it cannot be revoked");
            case REVOKED -> throw new AccessRuleException("Access " + grantId + " is already revoked");
            case EXPIRED -> throw new AccessRuleException("Access " + grantId + " already expired at " + endedAt);
            case REMOVED -> throw new AccessRuleException("Access " + grantId + " was already removed at " + endedAt);
            case ACTIVE -> {
                if (ended) {
                    throw new AccessRuleException("Access " + grantId + " already expired at " + validUntil);
                }
            }
        }
        apply(new AccessRevoked(grantId, command.revokedBy(), command.reason(), command.reviewId(),
                command.occurredAt()));
    }

    /** Idempotent: the expiry scheduler may ask again, or on several instances at once. */
    @CommandHandler
    void handle(ExpireAccessCommand command) {
        if (status == Status.ACTIVE && validUntil != null && !command.now().isBefore(validUntil)) {
            apply(new AccessExpired(grantId, validUntil));
        }
    }

    @CommandHandler
    void handle(RemoveStandingAccessCommand command) {
        if (!standing) {
            throw new AccessRuleException("Access " + grantId + " is not standing access; revoke it instead");
        }
        if (status != Status.ACTIVE) {
            throw new AccessRuleException("Access " + grantId + " already ended at " + endedAt);
        }
        apply(new StandingAccessRemoved(grantId, command.removedBy(), command.sourceSystem(), command.occurredAt()));
    }

    /** Certifying a grant that ended meanwhile records nothing: there is no access left to keep. */
    @CommandHandler
    void handle(CertifyAccessCommand command) {
        if (command.reviewer().equals(principal)) {
            throw new AccessRuleException(command.reviewer() + " holds access " + grantId
                    + " and cannot certify it: segregation of duties");
        }
        if (status == Status.ACTIVE) {
            apply(new AccessCertified(grantId, command.reviewId(), command.reviewer(), command.notes(),
                    command.occurredAt()));
        }
    }

    @CommandHandler
    void handle(CompleteBreakGlassReviewCommand command) {
        Require.text(command.reviewer(), "reviewer");
        Require.present(command.outcome(), "outcome");
        if (!breakGlassReview.exists()) {
            throw new AccessRuleException("Access " + grantId + " is not break-glass access and has no review");
        }
        if (breakGlassReview.isDone()) {
            throw new AccessRuleException("The review of break-glass access " + grantId + " is already completed");
        }
        if (command.reviewer().equals(principal)) {
            throw new AccessRuleException(command.reviewer() + " used break-glass access " + grantId
                    + " and cannot review it: segregation of duties");
        }
        if (breakGlassReview.lateAt(command.occurredAt())) {
            flagOverdueReview(command.occurredAt());
        }
        apply(new BreakGlassReviewCompleted(grantId, command.reviewer(), command.outcome(), command.notes(),
                command.occurredAt()));
    }

    /** Idempotent, like expiry. */
    @CommandHandler
    void handle(FlagOverdueBreakGlassReviewCommand command) {
        if (breakGlassReview.overdueAt(command.now())) {
            flagOverdueReview(command.now());
        }
    }

    /** Standing privileged access must be certified at the policy's interval; a missed deadline is flagged once. */
    @CommandHandler
    void handle(FlagUncertifiedAccessCommand command) {
        Instant due = certificationDue();
        if (due != null && !command.now().isBefore(due) && !due.equals(flaggedCertificationDue)) {
            violation(Control.PRIVILEGED_ACCESS_BOUNDED, "standing privileged access of " + principal
                    + " was not certified by a review since " + certifiedAt + " (due " + due + ")", null, command.now());
        }
    }

    /** When the next certification of standing privileged access is due, or null if none is. */
    private Instant certificationDue() {
        return status == Status.ACTIVE && standing && privileged ? certifiedAt.plus(policy.reviewInterval()) : null;
    }

    private void flagOverdueReview(Instant now) {
        apply(new BreakGlassReviewOverdue(grantId, breakGlassReview.dueAt(), now));
        violation(Control.BREAK_GLASS_REVIEW, "break-glass access of " + principal + " not reviewed by "
                + breakGlassReview.dueAt(), null, now);
    }

    private void violation(Control control, String detail, String reference, Instant at) {
        apply(new AccessViolationDetected(grantId, control.name() + "-" + (violations + 1), control, detail,
                reference, at));
    }

    private Instant effectiveEnd() {
        return endedAt != null ? endedAt : validUntil;
    }

    private void requireUndecided(String step) {
        switch (status) {
            case REQUESTED -> { }
            case DENIED -> throw new AccessRuleException("Access request " + grantId + " was denied and cannot be "
                    + step);
            default -> throw new AccessRuleException("Access " + grantId + " was already granted and cannot be "
                    + step);
        }
    }

    private void requireSomeoneElse(String decider, String step) {
        if (decider.equals(principal) || decider.equals(requestedBy)) {
            throw new AccessRuleException(decider + (decider.equals(principal) ? " would hold" : " requested")
                    + " access " + grantId + " and cannot " + step + " it: segregation of duties");
        }
    }

    private static void requireWithin(Duration duration, Duration maximum, String what) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
        if (duration.compareTo(maximum) > 0) {
            throw new AccessRuleException("The " + what + " " + duration + " exceeds the policy's maximum of "
                    + maximum);
        }
    }

    @EventSourcingHandler
    void on(AccessRequested event) {
        grantId = event.grantId();
        status = Status.REQUESTED;
        principal = event.principal();
        requestedBy = event.requestedBy();
        privileged = event.privileged();
        requestedDuration = event.requestedDuration();
        policy = event.policy();
    }

    @EventSourcingHandler
    void on(StandingAccessGranted event) {
        grantId = event.grantId();
        status = Status.ACTIVE;
        principal = event.principal();
        privileged = event.privileged();
        standing = true;
        policy = event.policy();
        validFrom = event.occurredAt();
        certifiedAt = event.occurredAt();
    }

    @EventSourcingHandler
    void on(AccessApproved event) {
        approvers.add(event.approver());
    }

    @EventSourcingHandler
    void on(AccessDenied event) {
        status = Status.DENIED;
    }

    @EventSourcingHandler
    void on(AccessGranted event) {
        status = Status.ACTIVE;
        validFrom = event.validFrom();
        validUntil = event.validUntil();
    }

    @EventSourcingHandler
    void on(AccessUsed event) {
        sessionEnds.put(event.sessionId(), event.endedAt());
    }

    @EventSourcingHandler
    void on(AccessRevoked event) {
        status = Status.REVOKED;
        endedAt = event.occurredAt();
    }

    @EventSourcingHandler
    void on(AccessExpired event) {
        status = Status.EXPIRED;
        endedAt = event.occurredAt();
    }

    @EventSourcingHandler
    void on(StandingAccessRemoved event) {
        status = Status.REMOVED;
        endedAt = event.occurredAt();
    }

    @EventSourcingHandler
    void on(AccessCertified event) {
        certifiedAt = event.occurredAt();
    }

    @EventSourcingHandler
    void on(BreakGlassReviewOpened event) {
        breakGlassReview.opened(event.dueAt());
    }

    @EventSourcingHandler
    void on(BreakGlassReviewOverdue event) {
        breakGlassReview.overdue();
    }

    @EventSourcingHandler
    void on(BreakGlassReviewCompleted event) {
        breakGlassReview.done();
    }

    @EventSourcingHandler
    void on(AccessViolationDetected event) {
        violations++;
        if (event.control() == Control.PRIVILEGED_ACCESS_BOUNDED) {
            flaggedCertificationDue = certificationDue();
        }
    }
}
