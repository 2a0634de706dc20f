package io.changeledger.command.config;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.util.List;

/**
 * Wakes the tracking processors when stored events are committed to the database. Axon wakes them when the unit
 * of work commits; the unit of work of a command inside a longer transaction (a chunk of ingested items, a batch
 * request) commits before the database does, so the processors looked, found nothing yet, and the chunk's events
 * waited for the next chunk's wake-up, or, after the last one, for the store's fetch delay (a second): measured,
 * the events at the end of a burst reached Kafka a second late.
 */
class CommitAwareEventStore extends EmbeddedEventStore {

    CommitAwareEventStore(Builder builder) {
        super(builder);
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        AfterCommit.run(() -> super.afterCommit(events));
    }
}
