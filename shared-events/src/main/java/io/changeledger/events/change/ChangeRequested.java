package io.changeledger.events.change;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A change to production was asked for, before it happens: the start of a planned change's lifecycle.
 *
 * @param correlationKey what tooling's later reports about this change carry (by default service, environment
 *                       and version), so that "deployment X completed" lands on this change
 * @param emergency      an emergency or break-glass change: it may start without approval and gets a
 *                       retrospective review instead
 * @param attributes     anything else the source wants kept, for fields the model does not know
 */
@Revision("1")
public record ChangeRequested(
        String changeId,
        ChangeDetails details,
        String service,
        String environment,
        String requester,
        String sourceSystem,
        String correlationKey,
        RiskLevel risk,
        TimeWindow plannedWindow,
        boolean emergency,
        ControlPolicy policy,
        List<EvidenceLink> evidence,
        Map<String, String> attributes,
        Instant occurredAt) implements ChangeEvent {

    public ChangeRequested {
        Require.text(changeId, "changeId");
        Require.present(details, "details");
        Require.text(service, "service");
        Require.text(environment, "environment");
        Require.text(requester, "requester");
        Require.text(sourceSystem, "sourceSystem");
        Require.present(risk, "risk");
        Require.present(policy, "policy");
        Require.present(occurredAt, "occurredAt");
        evidence = Require.list(evidence);
        attributes = Require.attributes(attributes);
    }
}
