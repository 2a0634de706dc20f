package io.changeledger.query.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A grant of access as a member of a population.
 *
 * @param validUntil absent for standing access, which has no window of its own
 * @param changeId   the change the access was asked for, if any
 * @param recordedAt when the ledger first recorded it
 */
record PopulationGrant(String grantId, GrantFilter.GrantKind kind, String status, String principal, String system,
                       String role, boolean privileged, boolean breakGlass, List<String> approvers, String grantedBy,
                       Instant validFrom, Instant validUntil, String changeId, int violations, Instant occurredAt,
                       Instant recordedAt, UUID eventId) {
}
