package io.changeledger.command.change;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Record that a started change failed. */
record FailChangeCommand(@TargetAggregateIdentifier String changeId, String actor, String sourceSystem, String reason, Instant occurredAt) {
}
