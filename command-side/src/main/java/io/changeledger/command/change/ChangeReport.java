package io.changeledger.command.change;

import io.changeledger.events.change.ChangeDetails;
import io.changeledger.events.change.ChangeOutcome;
import io.changeledger.events.change.EvidenceLink;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A tool reports a change after the fact; {@link ChangeReports} decides which change it belongs to and
 * sends the command for that change.
 *
 * @param changeId the ledger's change this report is about, when the tool knows it
 */
record ChangeReport(String changeId, ChangeDetails details, String service, String environment, String actor,
                    String sourceSystem, String correlationKey, ChangeOutcome outcome, boolean emergency,
                    List<EvidenceLink> evidence, Map<String, String> attributes, Instant occurredAt) {
}
