package io.changeledger.query.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One request of an auditor, as the ledger recorded it.
 *
 * @param authenticated false while the auditor is only what the request's header claimed
 * @param occurredAt    when the request arrived
 * @param recordedAt    when the ledger recorded it
 * @param eventId       the ledger event that records it, whose evidence the ledger API proves
 */
record AuditorActivity(String queryId, String auditor, boolean authenticated, String method, String path,
                       String query, int status, Integer rowCount, long durationMillis, String clientAddress,
                       String sourceSystem, Instant occurredAt, Instant recordedAt, UUID eventId) {
}
