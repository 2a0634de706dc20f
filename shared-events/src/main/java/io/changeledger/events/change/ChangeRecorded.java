package io.changeledger.events.change;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A change that tooling reported after the fact and that matched no planned change on the ledger: it
 * happened, whether or not anyone asked first. The controls judge it like any other change.
 *
 * @param outcome how far it got when it was reported
 */
@Revision("1")
public record ChangeRecorded(
        String changeId,
        ChangeDetails details,
        String service,
        String environment,
        String actor,
        String sourceSystem,
        String correlationKey,
        ChangeOutcome outcome,
        boolean emergency,
        ControlPolicy policy,
        List<EvidenceLink> evidence,
        Map<String, String> attributes,
        Instant occurredAt) implements ChangeEvent {

    public ChangeRecorded {
        Require.text(changeId, "changeId");
        Require.present(details, "details");
        Require.text(service, "service");
        Require.text(environment, "environment");
        Require.text(actor, "actor");
        Require.text(sourceSystem, "sourceSystem");
        Require.present(outcome, "outcome");
        Require.present(policy, "policy");
        Require.present(occurredAt, "occurredAt");
        evidence = Require.list(evidence);
        attributes = Require.attributes(attributes);
    }
}
