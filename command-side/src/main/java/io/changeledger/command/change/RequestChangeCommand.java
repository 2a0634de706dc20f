package io.changeledger.command.change;

import io.changeledger.events.change.ChangeDetails;
import io.changeledger.events.change.EvidenceLink;
import io.changeledger.events.change.RiskLevel;
import io.changeledger.events.change.TimeWindow;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Ask for a planned change to production; it starts its lifecycle as requested. */
record RequestChangeCommand(@TargetAggregateIdentifier String changeId, ChangeDetails details, String service,
                            String environment, String requester, String sourceSystem, String correlationKey,
                            RiskLevel risk, TimeWindow plannedWindow, boolean emergency, List<EvidenceLink> evidence,
                            Map<String, String> attributes, Instant occurredAt) {
}
