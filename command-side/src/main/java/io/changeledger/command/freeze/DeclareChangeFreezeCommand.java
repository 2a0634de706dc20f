package io.changeledger.command.freeze;

import io.changeledger.events.change.TimeWindow;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Set;

/** Freeze changes to a scope of services and environments for a window; an empty set means all. */
record DeclareChangeFreezeCommand(@TargetAggregateIdentifier String freezeId, Set<String> services,
                                  Set<String> environments, TimeWindow window, String reason, String declaredBy,
                                  Instant occurredAt) {
}
