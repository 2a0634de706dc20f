package io.changeledger.command.incident;

import io.changeledger.events.incident.IncidentReported;
import io.changeledger.events.incident.IncidentResolved;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A production incident, as the tool that manages it reported it. Tools resend (webhook retries, an import run
 * again), so reporting or resolving an incident again records nothing instead of failing.
 */
@Aggregate
class Incident {

    @AggregateIdentifier
    private String incidentId;
    private String externalId;
    private Instant reportedAt;
    private boolean resolved;

    protected Incident() {
        // required by Axon to rebuild the aggregate from its events, and to create it if missing
    }

    /**
     * Create-if-missing rather than a constructor, which Axon could only run on an aggregate that does not exist
     * yet: the id is derived from the tool's own, so a repeated report reaches the incident already on the ledger
     * and must be answered, not refused. A check before sending would race with a concurrent report of the same
     * incident; here Axon holds the aggregate's lock from loading until its unit of work ends, so concurrent
     * reports in one process take turns and the second finds the first. Where the second cannot see the first yet
     * (another process, or a caller's own transaction not committed when the lock is released), the event store's
     * unique key on (aggregate, sequence) refuses the second first event, and resending that report answers that
     * the incident exists.
     *
     * @return whether the incident was already on the ledger
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    boolean handle(ReportIncidentCommand command) {
        // built first, so that a malformed report is refused whether or not the incident is already recorded
        IncidentReported reported = new IncidentReported(command.incidentId(), command.externalId(),
                command.service(), command.environment(), command.summary(), command.severity(), command.url(),
                command.changeId(), command.reportedBy(), command.sourceSystem(), command.occurredAt());
        if (reportedAt != null) {
            return true;
        }
        apply(reported);
        return false;
    }

    @CommandHandler
    void handle(ResolveIncidentCommand command) {
        // built first, like the report: a malformed resolution is refused even of an incident already resolved
        IncidentResolved resolution = new IncidentResolved(incidentId, command.resolvedBy(), command.sourceSystem(),
                command.resolution(), command.occurredAt());
        if (resolved) {
            return;
        }
        if (command.occurredAt().isBefore(reportedAt)) {
            throw new IncidentRuleException("Incident " + externalId + " was reported at " + reportedAt
                    + "; it cannot have been resolved before, at " + command.occurredAt());
        }
        apply(resolution);
    }

    @EventSourcingHandler
    void on(IncidentReported event) {
        incidentId = event.incidentId();
        externalId = event.externalId();
        reportedAt = event.occurredAt();
    }

    @EventSourcingHandler
    void on(IncidentResolved event) {
        resolved = true;
    }
}
