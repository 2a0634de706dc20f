package io.changeledger.command.change;

import io.changeledger.events.change.EvidenceLink;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Link evidence to a change at any step of its life. */
record AttachEvidenceCommand(@TargetAggregateIdentifier String changeId, EvidenceLink evidence, String attachedBy, Instant occurredAt) {
}
