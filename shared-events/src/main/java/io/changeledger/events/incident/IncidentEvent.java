package io.changeledger.events.incident;

import io.changeledger.events.LedgerEvent;

/**
 * The stream of production incidents, the other half of the change failure rate and time to restore; its
 * aggregate is the incident.
 */
public sealed interface IncidentEvent extends LedgerEvent permits IncidentReported, IncidentResolved {

    String incidentId();

    @Override
    default String aggregateId() {
        return incidentId();
    }
}
