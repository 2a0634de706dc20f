package io.changeledger.query.access;

import java.time.Instant;

/**
 * A periodic review of who holds access to a system.
 *
 * @param overdue         not completed by its due date: the ledger said so, or the date has passed
 * @param flaggedByLedger the ledger recorded the review as overdue
 * @param grants          the grants in its scope
 * @param undecided       the grants in its scope nobody has decided on yet
 */
record AccessReviewSummary(String id, String system, String reviewer, Instant dueAt, String startedBy,
                           Instant startedAt, Instant recordedAt, boolean completed, Instant completedAt,
                           boolean overdue, boolean flaggedByLedger, int grants, int undecided) {
}
