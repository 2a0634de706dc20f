package io.changeledger.query.access;

import io.changeledger.events.change.ReviewOutcome;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A grant as lists show it: everything on its row.
 *
 * @param status           as the ledger recorded it, like its history: a grant becomes EXPIRED when the ledger
 *                         records its expiry (the command side does within seconds of its end); the effective end
 *                         says when the access ends or ended whether or not that is recorded yet
 * @param requestedBy      who asked; absent for standing access
 * @param assignedBy       who made a standing assignment in the IAM system, if it says
 * @param approvers        who approved, in order
 * @param validFrom        when the access began; absent until it is granted, and for denied requests
 * @param validUntil       the end of its window; absent for standing access
 * @param effectiveEnd     when it ends or ended: the end of the window, or the revocation or removal if earlier;
 *                         absent while open-ended and until granted
 * @param endReason        EXPIRED, REVOKED or REMOVED, once it ended
 * @param recordedAt       when the ledger first recorded the grant
 * @param grantRecordedAt  when the ledger recorded that it was granted
 * @param endRecordedAt    when the ledger recorded its end
 */
record GrantSummary(
        String id,
        AccessKind kind,
        AccessStatus status,
        String principal,
        String system,
        String resource,
        String role,
        boolean privileged,
        boolean breakGlass,
        String justification,
        String requestedDuration,
        String changeId,
        String incidentId,
        String requestedBy,
        String sourceSystem,
        String assignedBy,
        Policy policy,
        List<String> approvers,
        String grantedBy,
        Instant validFrom,
        Instant validUntil,
        Instant effectiveEnd,
        AccessStatus endReason,
        Revocation revocation,
        String removedBy,
        Certification lastCertification,
        BreakGlassReview breakGlassReview,
        Instant occurredAt,
        Instant recordedAt,
        Instant grantRecordedAt,
        Instant endRecordedAt,
        UUID eventId,
        long globalSequence) {

    /** The access policy the grant entered the ledger under; durations in ISO-8601. */
    record Policy(int requiredApprovals, String maxDuration, String breakGlassMaxDuration, String reviewDeadline,
                  String reviewInterval) {
    }

    /** @param reviewId the access review that decided it, if one did */
    record Revocation(String revokedBy, String reason, String reviewId, Instant revokedAt) {
    }

    record Certification(String reviewId, String reviewer, Instant certifiedAt) {
    }

    /**
     * The mandatory review of break-glass access.
     *
     * @param status  OPEN or COMPLETED
     * @param overdue the ledger flagged it as past its deadline
     */
    record BreakGlassReview(String status, Instant dueAt, boolean overdue, String reviewer, ReviewOutcome outcome,
                            String notes, Instant reviewedAt) {
    }
}
