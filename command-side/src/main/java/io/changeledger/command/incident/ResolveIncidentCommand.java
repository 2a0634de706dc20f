package io.changeledger.command.incident;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

record ResolveIncidentCommand(@TargetAggregateIdentifier String incidentId, String resolvedBy, String sourceSystem,
                              String resolution, Instant occurredAt) {
}
