package io.changeledger.command.incident;

import io.changeledger.command.Recorded;
import io.changeledger.events.Require;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * How an incident enters the ledger, whichever way it came: the incident API, or an item of an ingested batch. Each
 * call returns once the events are stored.
 */
@Component
public class IncidentIntake {

    private static final String DEFAULT_SOURCE_SYSTEM = "api";

    private final CommandGateway commands;
    private final Clock clock;

    IncidentIntake(CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    /** A report of an incident already on the ledger records nothing and answers it as existing. */
    public Recorded report(IncidentRequests.ReportIncident request) {
        String source = source(request.sourceSystem());
        String incidentId = ledgerId(source, request.incidentId());
        Boolean existing = commands.sendAndWait(new ReportIncidentCommand(incidentId, request.incidentId(),
                request.service(), request.environment(), request.summary(), request.severity(), request.url(),
                request.changeId(), request.reportedBy(), source, at(request.occurredAt())));
        return new Recorded(incidentId, Boolean.TRUE.equals(existing));
    }

    /**
     * An incident already resolved stays as it was first resolved.
     *
     * @throws AggregateNotFoundException if the source system never reported the incident
     * @throws IncidentRuleException      if it would be resolved before it was reported
     */
    public Recorded resolve(IncidentRequests.ResolveIncident request) {
        String source = source(request.sourceSystem());
        return resolve(ledgerId(source, request.incidentId()), request.resolvedBy(), request.resolution(), source,
                request.occurredAt());
    }

    /** @param incidentId the ledger's id of the incident */
    Recorded resolve(String incidentId, String resolvedBy, String resolution, String sourceSystem,
                     Instant occurredAt) {
        commands.sendAndWait(new ResolveIncidentCommand(incidentId, resolvedBy, source(sourceSystem), resolution,
                at(occurredAt)));
        return new Recorded(incidentId, true);
    }

    /** The same incident of the same tool is the same aggregate, however often the tool sends it. */
    static String ledgerId(String sourceSystem, String externalId) {
        Require.text(externalId, "incidentId");
        return UUID.nameUUIDFromBytes((sourceSystem + " " + externalId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private Instant at(Instant occurredAt) {
        return occurredAt == null ? clock.instant() : occurredAt;
    }

    private static String source(String sourceSystem) {
        return sourceSystem == null ? DEFAULT_SOURCE_SYSTEM : sourceSystem;
    }
}
