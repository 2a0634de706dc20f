package io.changeledger.command.change;

import io.changeledger.command.Recorded;
import io.changeledger.command.config.ChangeLedgerProperties;
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

/**
 * Records production changes and each step of their lifecycle. Every answer comes once the events are
 * stored; the query API shows them as soon as they have travelled through Kafka.
 */
@RestController
@RequestMapping(path = "/api/v1/changes", produces = MediaType.APPLICATION_JSON_VALUE,
        consumes = MediaType.APPLICATION_JSON_VALUE)
class ChangeController {

    private final CommandGateway commands;
    private final ChangeIntake intake;
    private final ChangeLedgerProperties properties;
    private final Clock clock;

    ChangeController(CommandGateway commands, ChangeIntake intake, ChangeLedgerProperties properties,
                     Clock clock) {
        this.commands = commands;
        this.intake = intake;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<ChangeReference> request(@Valid @RequestBody ChangeRequests.RequestChange request) {
        return created(intake.request(request));
    }

    @PostMapping("/reports")
    ResponseEntity<ChangeReference> report(@Valid @RequestBody ChangeRequests.ReportChange request) {
        return created(intake.report(request));
    }

    @PostMapping("/deployments")
    ResponseEntity<ChangeReference> recordDeployment(@Valid @RequestBody ChangeRequests.RecordDeployment request) {
        return created(intake.recordDeployment(request));
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

    private ResponseEntity<ChangeReference> created(Recorded recorded) {
        var location = UriComponentsBuilder.fromUri(properties.queryBaseUrl())
                .path("/api/v1/changes/{id}").buildAndExpand(recorded.id()).toUri();
        ChangeReference body = new ChangeReference(recorded.id(), recorded.existing());
        return recorded.existing() ? ResponseEntity.ok().location(location).body(body)
                : ResponseEntity.created(location).body(body);
    }

    private Instant at(Instant occurredAt) {
        return occurredAt == null ? clock.instant() : occurredAt;
    }

    private static String source(String sourceSystem) {
        return ChangeIntake.source(sourceSystem);
    }

    /** @param existing whether the request landed on a change already on the ledger rather than a new one */
    record ChangeReference(String id, boolean existing) {
    }
}
