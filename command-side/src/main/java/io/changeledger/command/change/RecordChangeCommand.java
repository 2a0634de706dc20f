package io.changeledger.command.change;

import io.changeledger.events.change.ChangeDetails;
import io.changeledger.events.change.ChangeOutcome;
import io.changeledger.events.change.EvidenceLink;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Record a change that happened without a planned change on the ledger, as tooling reports it. */
record RecordChangeCommand(@TargetAggregateIdentifier String changeId, ChangeDetails details, String service,
                           String environment, String actor, String sourceSystem, String correlationKey,
                           ChangeOutcome outcome, boolean emergency, List<EvidenceLink> evidence,
                           Map<String, String> attributes, Instant occurredAt) {
}
