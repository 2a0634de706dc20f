package io.changeledger.command.audit;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

record RecordAuditorQueryCommand(@TargetAggregateIdentifier String queryId, String auditor, boolean authenticated,
                                 String method, String path, String query, int status, Integer rowCount,
                                 long durationMillis, String clientAddress, String sourceSystem,
                                 Instant occurredAt) {
}
