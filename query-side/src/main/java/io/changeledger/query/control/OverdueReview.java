package io.changeledger.query.control;

import io.changeledger.events.change.ChangeKind;
import io.changeledger.query.change.ChangeStatus;

import java.time.Duration;
import java.time.Instant;

/**
 * An emergency change whose retrospective review is open after its deadline.
 *
 * @param overdueBy        how long past the deadline, now
 * @param flaggedByLedger  the ledger recorded the review as overdue; otherwise only the deadline has passed
 * @param changeStatus     where the change itself is in its lifecycle
 */
record OverdueReview(String changeId, ChangeKind kind, String service, String environment, String requester,
                     boolean emergency, ChangeStatus changeStatus, Instant occurredAt, Instant dueAt,
                     Duration overdueBy, boolean flaggedByLedger) {
}
