package io.changeledger.command.access;

import io.changeledger.events.access.AccessDecision;
import io.changeledger.events.access.AccessPolicy;
import io.changeledger.events.access.ReviewedGrant;
import io.changeledger.events.change.ReviewOutcome;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The commands of the access domain: grants, standing access, break-glass access and access reviews. */
final class AccessCommands {

    private AccessCommands() {
    }

    record RequestAccessCommand(@TargetAggregateIdentifier String grantId, String principal, String system,
                                String resource, String role, boolean privileged, String justification,
                                Duration requestedDuration, String changeId, String incidentId, String requestedBy,
                                String sourceSystem, AccessPolicy policy, Instant occurredAt) {
    }

    /** Access at once, for an emergency; it is reviewed afterwards instead of approved before. */
    record BreakGlassCommand(@TargetAggregateIdentifier String grantId, String principal, String system,
                             String resource, String role, boolean privileged, String justification,
                             Duration duration, String changeId, String incidentId, String sourceSystem,
                             AccessPolicy policy, Instant occurredAt) {
    }

    record ApproveAccessCommand(@TargetAggregateIdentifier String grantId, String approver, String reason,
                                Instant occurredAt) {
    }

    record DenyAccessCommand(@TargetAggregateIdentifier String grantId, String deniedBy, String reason,
                             Instant occurredAt) {
    }

    /** @param validUntil absent: the requested duration after validFrom */
    record GrantAccessCommand(@TargetAggregateIdentifier String grantId, Instant validFrom, Instant validUntil,
                              String grantedBy, Instant occurredAt) {
    }

    record RecordSessionCommand(@TargetAggregateIdentifier String grantId, String sessionId, Instant startedAt,
                                Instant endedAt, String sourceSystem, Instant occurredAt) {
    }

    /** @param reviewId the access review that decided it, or null for a revocation by hand */
    record RevokeAccessCommand(@TargetAggregateIdentifier String grantId, String revokedBy, String reason,
                               String reviewId, Instant occurredAt) {
    }

    record ExpireAccessCommand(@TargetAggregateIdentifier String grantId, Instant now) {
    }

    record RecordStandingAccessCommand(@TargetAggregateIdentifier String grantId, String principal, String system,
                                       String resource, String role, boolean privileged, String sourceSystem,
                                       String assignedBy, String approvedBy, AccessPolicy policy,
                                       Instant occurredAt) {
    }

    record RemoveStandingAccessCommand(@TargetAggregateIdentifier String grantId, String removedBy,
                                       String sourceSystem, Instant occurredAt) {
    }

    record CertifyAccessCommand(@TargetAggregateIdentifier String grantId, String reviewId, String reviewer,
                                String notes, Instant occurredAt) {
    }

    record CompleteBreakGlassReviewCommand(@TargetAggregateIdentifier String grantId, String reviewer,
                                           ReviewOutcome outcome, String notes, Instant occurredAt) {
    }

    record FlagOverdueBreakGlassReviewCommand(@TargetAggregateIdentifier String grantId, Instant now) {
    }

    record FlagUncertifiedAccessCommand(@TargetAggregateIdentifier String grantId, Instant now) {
    }

    record StartAccessReviewCommand(@TargetAggregateIdentifier String reviewId, String system,
                                    List<ReviewedGrant> grants, String reviewer, Instant dueAt, String startedBy,
                                    Instant occurredAt) {
    }

    record DecideAccessReviewCommand(@TargetAggregateIdentifier String reviewId, String grantId,
                                     AccessDecision decision, String reviewer, String notes, Instant occurredAt) {
    }

    record FlagOverdueAccessReviewCommand(@TargetAggregateIdentifier String reviewId, Instant now) {
    }
}
