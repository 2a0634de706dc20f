package io.changeledger.command.change;

import io.changeledger.command.config.TimeOrderedIds;
import io.changeledger.command.Recorded;
import io.changeledger.events.change.ChangeDetails;
import io.changeledger.events.change.ChangeOutcome;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a change enters the ledger, whichever way it came: the change API, or an item of an ingested batch. Each
 * call returns once the events are stored.
 */
@Component
public class ChangeIntake {

    private static final String DEFAULT_SOURCE_SYSTEM = "api";

    private final CommandGateway commands;
    private final ChangeReports reports;
    private final Clock clock;

    ChangeIntake(CommandGateway commands, ChangeReports reports, Clock clock) {
        this.commands = commands;
        this.reports = reports;
        this.clock = clock;
    }

    public Recorded request(ChangeRequests.RequestChange request) {
        String changeId = TimeOrderedIds.next();
        commands.sendAndWait(new RequestChangeCommand(changeId, request.details(), request.service(),
                request.environment(), request.requester(), source(request.sourceSystem()), request.correlationKey(),
                request.risk(), request.plannedWindow(), Boolean.TRUE.equals(request.emergency()),
                request.evidence(), request.attributes(), at(request.occurredAt())));
        return new Recorded(changeId, false);
    }

    /** A fact from tooling; it lands on the planned change it correlates with, or becomes a change itself. */
    public Recorded report(ChangeRequests.ReportChange request) {
        return recorded(reports.report(reportOf(request)));
    }

    public Recorded recordDeployment(ChangeRequests.RecordDeployment request) {
        return recorded(reports.report(reportOf(request)));
    }

    /**
     * Prepares the current transaction for these requests, of any kind, before they are recorded one by one in it:
     * what the reports among them will look up to correlate is read in one statement rather than one each.
     */
    public void expect(Collection<?> requests) {
        List<ChangeReport> expected = new ArrayList<>();
        for (Object request : requests) {
            if (request instanceof ChangeRequests.ReportChange report) {
                expected.add(reportOf(report));
            } else if (request instanceof ChangeRequests.RecordDeployment deployment) {
                expected.add(reportOf(deployment));
            }
        }
        reports.readAhead(expected);
    }

    private ChangeReport reportOf(ChangeRequests.ReportChange request) {
        return new ChangeReport(request.changeId(), request.details(), request.service(), request.environment(),
                request.actor(), source(request.sourceSystem()), request.correlationKey(), request.outcome(),
                Boolean.TRUE.equals(request.emergency()), request.evidence(), request.attributes(),
                at(request.occurredAt()));
    }

    private ChangeReport reportOf(ChangeRequests.RecordDeployment request) {
        return new ChangeReport(null, new ChangeDetails.Deployment(request.version(), request.artifactDigest()),
                request.service(), request.environment(), request.actor(), source(request.sourceSystem()), null,
                ChangeOutcome.COMPLETED, false, null,
                request.ticket() == null ? null : Map.of("ticket", request.ticket()), at(request.occurredAt()));
    }

    /** @throws ChangeRuleException when neither the id nor the correlation key finds a change */
    public Recorded attachEvidence(ChangeRequests.AttachEvidenceToChange request) {
        if (request.changeId() == null && request.correlationKey() == null) {
            throw new IllegalArgumentException("changeId or correlationKey is required");
        }
        String changeId = Optional.ofNullable(request.changeId())
                .or(() -> reports.correlated(request.correlationKey(), null))
                .orElseThrow(() -> new ChangeRuleException("No change on the ledger is open or was reported"
                        + " recently with correlation key " + request.correlationKey()));
        commands.sendAndWait(new AttachEvidenceCommand(changeId, request.evidence(), request.attachedBy(),
                at(request.occurredAt())));
        return new Recorded(changeId, true);
    }

    private static Recorded recorded(ChangeReports.Reported reported) {
        return new Recorded(reported.id(), reported.correlated());
    }

    private Instant at(Instant occurredAt) {
        return occurredAt == null ? clock.instant() : occurredAt;
    }

    static String source(String sourceSystem) {
        return sourceSystem == null ? DEFAULT_SOURCE_SYSTEM : sourceSystem;
    }
}
