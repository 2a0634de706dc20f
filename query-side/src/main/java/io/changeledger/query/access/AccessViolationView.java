package io.changeledger.query.access;

import io.changeledger.events.change.Control;

import java.time.Instant;

/**
 * A violation of an access control, with the grant's principal, system and role for filtering and grouping.
 *
 * @param reference  what it refers to, such as the access review that found it
 * @param open       nothing on the ledger has put it right yet (see {@link AccessViolationQueries})
 * @param remediedAt when it was put right
 */
record AccessViolationView(String grantId, String violationId, Control control, String detail, String reference,
                           Instant occurredAt, Instant recordedAt, boolean open, Instant remediedAt,
                           String principal, String system, String role) {
}
