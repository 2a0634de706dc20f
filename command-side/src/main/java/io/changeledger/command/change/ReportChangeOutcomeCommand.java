package io.changeledger.command.change;

import io.changeledger.events.change.ChangeOutcome;
import io.changeledger.events.change.EvidenceLink;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Tooling reports, after the fact, how far a change on the ledger got ("deployment X completed"). Unlike the
 * step-by-step commands it may skip steps the tool never reports: a completion implies the start.
 */
record ReportChangeOutcomeCommand(@TargetAggregateIdentifier String changeId, ChangeOutcome outcome, String actor,
                                  String sourceSystem, List<EvidenceLink> evidence, Instant occurredAt) {
}
