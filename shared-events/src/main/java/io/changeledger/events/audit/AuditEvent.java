package io.changeledger.events.audit;

import io.changeledger.events.LedgerEvent;

/**
 * The stream of the ledger's own audit trail: who looked at what through the auditor, ledger, report and export
 * APIs. Each request is an aggregate of its own, so recording one never waits for another.
 */
public sealed interface AuditEvent extends LedgerEvent permits AuditorQueryRecorded {

    String queryId();

    @Override
    default String aggregateId() {
        return queryId();
    }
}
