package io.changeledger.query.access;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/**
 * One event of a grant, in ledger order.
 *
 * @param late        the event happened before an event the ledger had recorded earlier: it was reported late
 * @param statusAfter the grant's status once the ledger had this event
 * @param summary     the event's own facts
 */
record HistoryItem(UUID eventId, String type, String actor, Instant occurredAt, Instant recordedAt,
                   long globalSequence, AccessStatus statusAfter, boolean late, JsonNode summary) {
}
