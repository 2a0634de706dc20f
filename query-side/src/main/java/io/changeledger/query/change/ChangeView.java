package io.changeledger.query.change;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.changeledger.events.change.EvidenceLink;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Everything about one change: its summary's fields, its history in ledger order and its evidence. */
public record ChangeView(@JsonUnwrapped ChangeSummary change, List<HistoryItem> history, List<Evidence> evidence) {

    /**
     * One event of the change, in ledger order.
     *
     * @param late        the event happened before an event the ledger had recorded earlier: it was reported late
     * @param statusAfter the change's status once the ledger had this event
     * @param summary     the event's own facts
     */
    record HistoryItem(UUID eventId, String type, String actor, Instant occurredAt, Instant recordedAt,
                       long globalSequence, ChangeStatus statusAfter, boolean late, JsonNode summary) {
    }

    record Evidence(EvidenceLink.EvidenceType type, String url, String sha256, String description, String attachedBy,
                    Instant occurredAt, Instant recordedAt) {
    }
}
