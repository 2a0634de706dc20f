package io.changeledger.command.change;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Record that a started change is done. */
record CompleteChangeCommand(@TargetAggregateIdentifier String changeId, String actor, String sourceSystem, Instant occurredAt) {
}
