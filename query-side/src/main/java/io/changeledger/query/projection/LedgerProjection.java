package io.changeledger.query.projection;

import io.changeledger.events.wire.LedgerEnvelope;

import java.util.List;

/**
 * A read model fed from the ledger. {@link #on} and {@link #onAll} run inside the database transaction that also
 * records the events as processed, and see each event id once, however often Kafka delivers it.
 */
public interface LedgerProjection {

    void on(LedgerEnvelope envelope);

    /**
     * The new events of one polled batch, in the topic's order. A projection whose statements can be sent to the
     * database together overrides this; the result must be the same as {@link #on} for each event in turn.
     */
    default void onAll(List<LedgerEnvelope> envelopes) {
        envelopes.forEach(this::on);
    }
}
