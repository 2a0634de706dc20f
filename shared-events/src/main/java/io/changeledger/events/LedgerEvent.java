package io.changeledger.events;

import java.time.Instant;

/**
 * Every event the ledger records. Each stream is its own sealed sub-interface, listed in
 * {@link EventTypes#STREAMS}, so the set of event types on the wire is known at compile time.
 * This root cannot be sealed itself: a sealed type's subtypes must share its package outside a
 * named module, and each stream has a package of its own.
 */
public interface LedgerEvent {

    /** The id of the aggregate that emitted the event; it is also the Kafka record key. */
    String aggregateId();

    /** When the fact happened in the real world, as reported by its source. */
    Instant occurredAt();
}
