package io.changeledger.command.incident;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * An incident as its tool reported it; a repeated report of the same incident lands on the one already recorded.
 *
 * @param incidentId the ledger's id, derived from the source system and the tool's id
 * @param externalId the incident's id in the tool that reported it
 */
record ReportIncidentCommand(@TargetAggregateIdentifier String incidentId, String externalId, String service,
                             String environment, String summary, String severity, String url, String changeId,
                             String reportedBy, String sourceSystem, Instant occurredAt) {
}
