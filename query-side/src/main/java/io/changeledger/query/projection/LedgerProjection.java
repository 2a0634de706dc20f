package io.changeledger.query.projection;

import io.changeledger.events.wire.LedgerEnvelope;

/**
 * A read model fed from the ledger. {@link #on} runs inside the database transaction that also records the
 * event as processed, and is called once per event id, however often Kafka delivers it.
 */
public interface LedgerProjection {

    void on(LedgerEnvelope envelope);
}
