package io.changeledger.command.change;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Refuse a requested change. */
record RejectChangeCommand(@TargetAggregateIdentifier String changeId, String approver, String reason, Instant occurredAt) {
}
