package io.changeledger.command.change;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Approve a requested change; the requester may not approve their own change. */
record ApproveChangeCommand(@TargetAggregateIdentifier String changeId, String approver, String reason, boolean freezeException, Instant occurredAt) {
}
