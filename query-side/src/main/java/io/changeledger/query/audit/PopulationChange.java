package io.changeledger.query.audit;

import io.changeledger.events.change.ChangeKind;
import io.changeledger.events.change.RiskLevel;

import java.time.Instant;
import java.util.UUID;

/**
 * A change as a member of a population: enough to pick and to judge it; its evidence packet has the rest.
 *
 * @param violations     control violations recorded on it, resolved or not
 * @param openViolations those not resolved
 * @param recordedAt     when the ledger first recorded it
 * @param eventId        the event that put it on the ledger
 */
record PopulationChange(String changeId, ChangeKind kind, String status, String service, String environment,
                        String version, String actor, String requester, RiskLevel risk, boolean emergency,
                        int approvalCount, int violations, int openViolations, Instant startedAt,
                        Instant finishedAt, Instant occurredAt, Instant recordedAt, UUID eventId) {
}
