package io.changeledger.command.change;

import io.changeledger.command.config.ChangeLedgerProperties;
import io.changeledger.events.change.ChangeDetails;
import io.changeledger.events.change.ChangeOutcome;
import io.changeledger.events.change.EvidenceLink;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Records production changes and each step of their lifecycle. Every answer comes once the events are
 * stored; the query API shows them as soon as they have travelled through Kafka.
 */
@RestController
@RequestMapping(path = "/api/v1/changes", produces = MediaType.APPLICATION_JSON_VALUE,
        consumes = MediaType.APPLICATION_JSON_VALUE)
class ChangeController {

    private static final String DEFAULT_SOURCE_SYSTEM = "api";

    private final CommandGateway commands;
    private final ChangeReports reports;
    private final ChangeLedgerProperties properties;
    private final Clock clock;

    ChangeController(CommandGateway commands, ChangeReports reports, ChangeLedgerProperties properties,
                     Clock clock) {
        this.commands = commands;
        this.reports = reports;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<ChangeReference> request(@Valid @RequestBody ChangeRequests.RequestChange request) {
        String changeId = UUID.randomUUID().toString();
        commands.sendAndWait(new RequestChangeCommand(changeId, request.details(), request.service(),
                request.environment(), request.requester(), source(request.sourceSystem()), request.correlationKey(),
                request.risk(), request.plannedWindow(), Boolean.TRUE.equals(request.emergency()),
                request.evidence(), request.attributes(), at(request.occurredAt())));
        return created(changeId, false);
    }

    /** A fact from tooling; it lands on the planned change it correlates with, or becomes a change itself. */
    @PostMapping("/reports")
    ResponseEntity<ChangeReference> report(@Valid @RequestBody ChangeRequests.ReportChange request) {
        ChangeReports.Reported reported = reports.report(new ChangeReport(request.changeId(),
                request.details(), request.service(), request.environment(), request.actor(),
                source(request.sourceSystem()), request.correlationKey(), request.outcome(),
                Boolean.TRUE.equals(request.emergency()), request.evidence(), request.attributes(),
                at(request.occurredAt())));
        return created(reported.id(), reported.correlated());
    }

    @PostMapping("/deployments")
    ResponseEntity<ChangeReference> recordDeployment(@Valid @RequestBody ChangeRequests.RecordDeployment request) {
        ChangeReports.Reported reported = reports.report(new ChangeReport(null,
                new ChangeDetails.Deployment(request.version(), request.artifactDigest()), request.service(),
                request.environment(), request.actor(), source(request.sourceSystem()), null,
                ChangeOutcome.COMPLETED, false, null,
                request.ticket() == null ? null : Map.of("ticket", request.ticket()), at(request.occurredAt())));
        return created(reported.id(), reported.correlated());
    }

    @PostMapping("/{id}/approvals")
    ChangeReference approve(@PathVariable String id, @Valid @RequestBody ChangeRequests.Approve request) {
        commands.sendAndWait(new ApproveChangeCommand(id, request.approver(), request.reason(),
                Boolean.TRUE.equals(request.freezeException()), at(request.occurredAt())));
        return new ChangeReference(id, true);
    }

    @PostMapping("/{id}/rejections")
    ChangeReference reject(@PathVariable String id, @Valid @RequestBody ChangeRequests.Reject request) {
        commands.sendAndWait(new RejectChangeCommand(id, request.approver(), request.reason(), at(request.occurredAt())));
        return new ChangeReference(id, true);
    }

    @PostMapping("/{id}/start")
    ChangeReference start(@PathVariable String id, @Valid @RequestBody ChangeRequests.Step request) {
        commands.sendAndWait(new StartChangeCommand(id, request.actor(), source(request.sourceSystem()),
                at(request.occurredAt())));
        return new ChangeReference(id, true);
    }

    @PostMapping("/{id}/completion")
    ChangeReference complete(@PathVariable String id, @Valid @RequestBody ChangeRequests.Step request) {
        commands.sendAndWait(new CompleteChangeCommand(id, request.actor(), source(request.sourceSystem()),
                at(request.occurredAt())));
        return new ChangeReference(id, true);
    }

    @PostMapping("/{id}/failure")
    ChangeReference fail(@PathVariable String id, @Valid @RequestBody ChangeRequests.Step request) {
        commands.sendAndWait(new FailChangeCommand(id, request.actor(), source(request.sourceSystem()),
                request.reason(), at(request.occurredAt())));
        return new ChangeReference(id, true);
    }

    @PostMapping("/{id}/rollback")
    ChangeReference rollBack(@PathVariable String id, @Valid @RequestBody ChangeRequests.Step request) {
        commands.sendAndWait(new RollBackChangeCommand(id, request.actor(), source(request.sourceSystem()),
                request.reason(), at(request.occurredAt())));
        return new ChangeReference(id, true);
    }

    @PostMapping("/{id}/evidence")
    ChangeReference attachEvidence(@PathVariable String id,
                                   @Valid @RequestBody ChangeRequests.AttachEvidence request) {
        commands.sendAndWait(new AttachEvidenceCommand(id, new EvidenceLink(request.type(), request.url(),
                request.sha256(), request.description()), request.attachedBy(), at(request.occurredAt())));
        return new ChangeReference(id, true);
    }

    @PostMapping("/{id}/review")
    ChangeReference completeReview(@PathVariable String id,
                                   @Valid @RequestBody ChangeRequests.CompleteReview request) {
        commands.sendAndWait(new CompleteReviewCommand(id, request.reviewer(), request.outcome(), request.notes(),
                at(request.occurredAt())));
        return new ChangeReference(id, true);
    }

    @PostMapping("/{id}/violations/{violationId}/resolution")
    ChangeReference resolveViolation(@PathVariable String id, @PathVariable String violationId,
                                     @Valid @RequestBody ChangeRequests.ResolveViolation request) {
        commands.sendAndWait(new ResolveViolationCommand(id, violationId, request.resolvedBy(),
                request.resolution(), at(request.occurredAt())));
        return new ChangeReference(id, true);
    }

    private ResponseEntity<ChangeReference> created(String changeId, boolean correlated) {
        var location = UriComponentsBuilder.fromUri(properties.queryBaseUrl())
                .path("/api/v1/changes/{id}").buildAndExpand(changeId).toUri();
        ChangeReference body = new ChangeReference(changeId, correlated);
        return correlated ? ResponseEntity.ok().location(location).body(body)
                : ResponseEntity.created(location).body(body);
    }

    private Instant at(Instant occurredAt) {
        return occurredAt == null ? clock.instant() : occurredAt;
    }

    private static String source(String sourceSystem) {
        return sourceSystem == null ? DEFAULT_SOURCE_SYSTEM : sourceSystem;
    }

    /** @param existing whether the request landed on a change already on the ledger rather than a new one */
    record ChangeReference(String id, boolean existing) {
    }
}
