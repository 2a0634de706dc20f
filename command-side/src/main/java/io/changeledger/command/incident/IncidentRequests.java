package io.changeledger.command.incident;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * The bodies the incident API accepts. Every {@code occurredAt} is optional: absent, it is the time the ledger
 * receives the request. Every {@code sourceSystem} is optional: absent, it is {@code api}.
 */
public final class IncidentRequests {

    private IncidentRequests() {
    }

    /**
     * @param incidentId the incident's id in the reporting tool; with the source system it names the incident on
     *                   the ledger, so reporting it again records nothing
     * @param changeId   the ledger change that caused it, when the reporter knows it
     */
    public record ReportIncident(@NotBlank @Size(max = 300) String incidentId,
                                 @NotBlank @Size(max = 200) String service,
                                 @NotBlank @Size(max = 100) String environment,
                                 @Size(max = 2000) String summary,
                                 @Size(max = 100) String severity,
                                 @Size(max = 2000) String url,
                                 @Size(max = 64) String changeId,
                                 @NotBlank @Size(max = 200) String reportedBy,
                                 @Size(max = 100) String sourceSystem,
                                 Instant occurredAt) {
    }

    /**
     * @param incidentId   the incident's id in the tool that reported it
     * @param sourceSystem the system that reported it; only its own incidents can be resolved this way
     */
    public record ResolveIncident(@NotBlank @Size(max = 300) String incidentId,
                                  @NotBlank @Size(max = 200) String resolvedBy,
                                  @Size(max = 4000) String resolution,
                                  @Size(max = 100) String sourceSystem,
                                  Instant occurredAt) {
    }

    /** The resolution of an incident named by the ledger's id, which is in the path. */
    record Resolution(@NotBlank @Size(max = 200) String resolvedBy, @Size(max = 4000) String resolution,
                      Instant occurredAt) {
    }
}
