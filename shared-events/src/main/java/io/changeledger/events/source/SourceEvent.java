package io.changeledger.events.source;

import io.changeledger.events.LedgerEvent;

/**
 * The stream of registered ingestion sources (a CI system, a webhook sender, a Kafka producer); its aggregate is
 * the source, keyed by its name. Credentials never travel in these events: only that they were issued or rotated.
 */
public sealed interface SourceEvent extends LedgerEvent
        permits SourceRegistered, SourceCredentialsRotated, SourceScopeChanged, SourceDisabled, SourceGapDetected {

    String sourceName();

    @Override
    default String aggregateId() {
        return sourceName();
    }
}
