package io.changeledger.events.incident;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;

/**
 * @param externalId the incident's id in the tool that reported it (PagerDuty, Opsgenie, a CDEvents subject)
 * @param changeId   the ledger change that caused it, when the reporter knows it
 */
@Revision("1")
public record IncidentReported(String incidentId, String externalId, String service, String environment,
                               String summary, String severity, String url, String changeId, String reportedBy,
                               String sourceSystem, Instant occurredAt) implements IncidentEvent {

    public IncidentReported {
        Require.text(incidentId, "incidentId");
        Require.text(externalId, "externalId");
        Require.text(service, "service");
        Require.text(environment, "environment");
        Require.text(reportedBy, "reportedBy");
        Require.text(sourceSystem, "sourceSystem");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
