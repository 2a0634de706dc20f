package io.changeledger.command.freeze;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** End a freeze before its window ends. */
record LiftChangeFreezeCommand(@TargetAggregateIdentifier String freezeId, String liftedBy, String reason,
                               Instant occurredAt) {
}
