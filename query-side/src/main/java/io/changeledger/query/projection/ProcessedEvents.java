package io.changeledger.query.projection;

import io.changeledger.events.wire.LedgerEnvelope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The ids of the events the projections have taken, written in the same transaction as the read models. */
@Component
class ProcessedEvents {

    private final JdbcClient jdbc;

    ProcessedEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false if the event was processed before, so that the read models must not change */
    boolean markProcessed(LedgerEnvelope envelope, int partition, long offset) {
        return jdbc.sql("""
                        insert into processed_event (event_id, event_type, global_sequence, kafka_partition, kafka_offset)
                        values (?, ?, ?, ?, ?)
                        on conflict (event_id) do nothing""")
                .params(envelope.eventId(), envelope.type(), envelope.globalSequence(), partition, offset)
                .update() == 1;
    }
}
