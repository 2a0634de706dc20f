package io.changeledger.command.change;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Record that work on production began; the actor is the deployer. */
record StartChangeCommand(@TargetAggregateIdentifier String changeId, String actor, String sourceSystem, Instant occurredAt) {
}
