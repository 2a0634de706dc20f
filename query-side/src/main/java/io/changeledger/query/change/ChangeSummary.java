package io.changeledger.query.change;

import io.changeledger.events.change.ChangeKind;
import io.changeledger.events.change.Control;
import io.changeledger.events.change.ControlPolicy;
import io.changeledger.events.change.RiskLevel;
import io.changeledger.events.change.TimeWindow;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A production change as lists show it: everything on its row, with its approvals and violations, so that a
 * compliance question about many changes is one request.
 *
 * @param actor          the requester, or the actor who reported a change after the fact
 * @param version        the version the change brings to production, for the kinds that have one
 * @param policy         absent for the skeleton's deployments, which carried none
 * @param recordedAt     when the ledger first recorded the change
 * @param eventId        the event that put the change on the ledger
 * @param details        what the kind of change needs, with its {@code kind}
 */
record ChangeSummary(
        String id,
        ChangeKind kind,
        ChangeStatus status,
        String service,
        String environment,
        String version,
        String artifactDigest,
        String actor,
        String requester,
        String ticket,
        String sourceSystem,
        String correlationKey,
        RiskLevel risk,
        boolean emergency,
        TimeWindow plannedWindow,
        ControlPolicy policy,
        int approvalCount,
        Instant startedAt,
        Instant finishedAt,
        Instant occurredAt,
        Instant recordedAt,
        UUID eventId,
        long globalSequence,
        JsonNode details,
        Map<String, String> attributes,
        Review review,
        List<Approval> approvals,
        List<Violation> violations) {

    ChangeSummary with(List<Approval> approvals, List<Violation> violations) {
        return new ChangeSummary(id, kind, status, service, environment, version, artifactDigest, actor, requester,
                ticket, sourceSystem, correlationKey, risk, emergency, plannedWindow, policy, approvalCount,
                startedAt, finishedAt, occurredAt, recordedAt, eventId, globalSequence, details, attributes, review,
                approvals, violations);
    }

    enum Decision { APPROVED, REJECTED }

    enum ReviewStatus { NONE, OPEN, ACCEPTED, REJECTED }

    /** An approval or a rejection. */
    record Approval(String approver, Decision decision, String reason, boolean freezeException, Instant occurredAt,
                    Instant recordedAt) {
    }

    record Violation(String violationId, Control control, String detail, String reference, Instant occurredAt,
                     Instant recordedAt, boolean resolved, String resolvedBy, String resolution, Instant resolvedAt) {
    }

    /**
     * The retrospective review of an emergency change.
     *
     * @param overdue the ledger flagged the review as past its deadline
     */
    record Review(ReviewStatus status, Instant dueAt, boolean overdue, String reviewer, String notes,
                  Instant completedAt) {
    }
}
