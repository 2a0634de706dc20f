package io.changeledger.command.change;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Record that a change was undone in production. */
record RollBackChangeCommand(@TargetAggregateIdentifier String changeId, String actor, String sourceSystem, String reason, Instant occurredAt) {
}
