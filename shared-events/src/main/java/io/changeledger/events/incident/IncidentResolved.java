package io.changeledger.events.incident;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;

@Revision("1")
public record IncidentResolved(String incidentId, String resolvedBy, String sourceSystem, String resolution,
                               Instant occurredAt) implements IncidentEvent {

    public IncidentResolved {
        Require.text(incidentId, "incidentId");
        Require.text(resolvedBy, "resolvedBy");
        Require.text(sourceSystem, "sourceSystem");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
