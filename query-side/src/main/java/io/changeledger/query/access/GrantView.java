package io.changeledger.query.access;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.time.Instant;
import java.util.List;

/** Everything about one grant: its summary's fields and all that hangs off it. */
public record GrantView(@JsonUnwrapped GrantSummary grant, List<HistoryItem> history, List<Approval> approvals,
                 List<Session> sessions, List<Certification> certifications, List<AccessViolationView> violations) {

    enum Decision { APPROVED, DENIED }

    /** An approval or a denial. */
    record Approval(String approver, Decision decision, String reason, Instant occurredAt, Instant recordedAt) {
    }

    /**
     * @param endedAt absent while the session has not been reported as ended
     * @param recordedAt when the ledger first heard of the session
     */
    record Session(String sessionId, Instant startedAt, Instant endedAt, String sourceSystem, Instant recordedAt) {
    }

    /** An access review that kept the grant. */
    record Certification(String reviewId, String reviewer, String notes, Instant certifiedAt, Instant recordedAt) {
    }
}
