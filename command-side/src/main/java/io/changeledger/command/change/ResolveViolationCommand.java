package io.changeledger.command.change;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Accept or remediate a control violation; someone other than the people who made the change must do it. */
record ResolveViolationCommand(@TargetAggregateIdentifier String changeId, String violationId, String resolvedBy, String resolution, Instant occurredAt) {
}
