package io.changeledger.events.wire;

import io.changeledger.events.EventTypes;
import io.changeledger.events.LedgerEvent;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One ledger event as it travels on Kafka: the event plus what the event store knows about it.
 *
 * @param eventId        the event store's message identifier, stable across redeliveries
 * @param recordedAt     when the ledger stored the event
 * @param globalSequence the event store's global index; increases with every stored event, may have gaps
 */
public record LedgerEnvelope(
        UUID eventId,
        String type,
        String revision,
        Instant occurredAt,
        Instant recordedAt,
        long globalSequence,
        LedgerEvent event) {

    public LedgerEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(event, "event");
    }

    public static LedgerEnvelope wrap(UUID eventId, Instant recordedAt, long globalSequence, LedgerEvent event) {
        EventTypes.EventType type = EventTypes.of(event.getClass());
        return new LedgerEnvelope(eventId, type.name(), type.revision(), event.occurredAt(), recordedAt,
                globalSequence, event);
    }

    /** The Kafka record key: the aggregate id, so that one aggregate's events stay in order on one partition. */
    public String key() {
        return event.aggregateId();
    }
}
