package io.changeledger.command.access;

import io.changeledger.command.config.TimeOrderedIds;
import io.changeledger.command.Recorded;
import io.changeledger.command.access.AccessCommands.ApproveAccessCommand;
import io.changeledger.command.access.AccessCommands.CertifyAccessCommand;
import io.changeledger.command.access.AccessCommands.CompleteBreakGlassReviewCommand;
import io.changeledger.command.access.AccessCommands.DecideAccessReviewCommand;
import io.changeledger.command.access.AccessCommands.DenyAccessCommand;
import io.changeledger.command.access.AccessCommands.GrantAccessCommand;
import io.changeledger.command.access.AccessCommands.RecordSessionCommand;
import io.changeledger.command.access.AccessCommands.RevokeAccessCommand;
import io.changeledger.command.access.AccessCommands.StartAccessReviewCommand;
import io.changeledger.command.config.ChangeLedgerProperties;
import io.changeledger.events.access.AccessDecision;
import io.changeledger.events.access.ReviewedGrant;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Records access to production: requests and their decisions, grants, sessions, revocations, break-glass access,
 * standing access from IAM systems, and periodic access reviews. Every answer comes once the events are stored.
 */
@RestController
@RequestMapping(path = "/api/v1/access", produces = MediaType.APPLICATION_JSON_VALUE,
        consumes = MediaType.APPLICATION_JSON_VALUE)
class AccessController {

    private final CommandGateway commands;
    private final AccessIntake intake;
    private final AccessLookup lookup;
    private final ChangeLedgerProperties properties;
    private final TransactionOperations transaction;

    AccessController(CommandGateway commands, AccessIntake intake, AccessLookup lookup,
                     ChangeLedgerProperties properties, TransactionOperations transaction) {
        this.commands = commands;
        this.intake = intake;
        this.lookup = lookup;
        this.properties = properties;
        this.transaction = transaction;
    }

    @PostMapping("/requests")
    ResponseEntity<Reference> request(@Valid @RequestBody AccessRequests.RequestAccess request) {
        return answer("/api/v1/access/grants/{id}", intake.request(request));
    }

    @PostMapping("/break-glass")
    ResponseEntity<Reference> breakGlass(@Valid @RequestBody AccessRequests.BreakGlass request) {
        return answer("/api/v1/access/grants/{id}", intake.breakGlass(request));
    }

    @PostMapping("/grants/{id}/approvals")
    Reference approve(@PathVariable String id, @Valid @RequestBody AccessRequests.Approve request) {
        commands.sendAndWait(new ApproveAccessCommand(id, request.approver(), request.reason(),
                at(request.occurredAt())));
        return new Reference(id, true);
    }

    @PostMapping("/grants/{id}/denial")
    Reference deny(@PathVariable String id, @Valid @RequestBody AccessRequests.Deny request) {
        commands.sendAndWait(new DenyAccessCommand(id, request.deniedBy(), request.reason(), at(request.occurredAt())));
        return new Reference(id, true);
    }

    @PostMapping("/grants/{id}/grant")
    Reference grant(@PathVariable String id, @Valid @RequestBody AccessRequests.Grant request) {
        Instant now = at(null);
        commands.sendAndWait(new GrantAccessCommand(id, request.validFrom() == null ? now : request.validFrom(),
                request.validUntil(), request.grantedBy(), request.occurredAt() == null ? now : request.occurredAt()));
        return new Reference(id, true);
    }

    @PostMapping("/grants/{id}/sessions")
    Reference session(@PathVariable String id, @Valid @RequestBody AccessRequests.Session request) {
        Instant reported = request.endedAt() == null ? request.startedAt() : request.endedAt();
        commands.sendAndWait(new RecordSessionCommand(id, request.sessionId(), request.startedAt(), request.endedAt(),
                AccessIntake.source(request.sourceSystem()), reported));
        return new Reference(id, true);
    }

    @PostMapping("/grants/{id}/revocation")
    Reference revoke(@PathVariable String id, @Valid @RequestBody AccessRequests.Revoke request) {
        commands.sendAndWait(new RevokeAccessCommand(id, request.revokedBy(), request.reason(), null,
                at(request.occurredAt())));
        return new Reference(id, true);
    }

    @PostMapping("/grants/{id}/break-glass-review")
    Reference completeBreakGlassReview(@PathVariable String id,
                                       @Valid @RequestBody AccessRequests.CompleteBreakGlassReview request) {
        commands.sendAndWait(new CompleteBreakGlassReviewCommand(id, request.reviewer(), request.outcome(),
                request.notes(), at(request.occurredAt())));
        return new Reference(id, true);
    }

    /** An IAM import: the same active assignment recorded again is the grant already on the ledger. */
    @PostMapping("/standing")
    ResponseEntity<Reference> standing(@Valid @RequestBody AccessRequests.StandingAccess request) {
        return answer("/api/v1/access/grants/{id}", intake.standing(request));
    }

    @PostMapping("/standing/removals")
    Reference removeStanding(@Valid @RequestBody AccessRequests.StandingAccessRemoval request) {
        return new Reference(intake.removeStanding(request).id(), true);
    }

    /** The review's scope is every grant of the system active at this moment. */
    @PostMapping("/reviews")
    ResponseEntity<Reference> startReview(@Valid @RequestBody AccessRequests.StartReview request) {
        String reviewId = TimeOrderedIds.next();
        List<ReviewedGrant> scope = lookup.activeGrants(request.system());
        commands.sendAndWait(new StartAccessReviewCommand(reviewId, request.system(), scope, request.reviewer(),
                request.dueAt(), request.startedBy(), at(request.occurredAt())));
        return answer("/api/v1/access/reviews/{id}", new Recorded(reviewId, false));
    }

    /**
     * The decision and its effect on the grant (a certification, or a revocation) are stored in one transaction:
     * a review never shows a revocation the grant does not have, nor the reverse.
     */
    @PostMapping("/reviews/{id}/decisions")
    Reference decide(@PathVariable String id, @Valid @RequestBody AccessRequests.Decide request) {
        Instant at = at(request.occurredAt());
        transaction.executeWithoutResult(status -> {
            commands.sendAndWait(new DecideAccessReviewCommand(id, request.grantId(), request.decision(),
                    request.reviewer(), request.notes(), at));
            commands.sendAndWait(request.decision() == AccessDecision.CERTIFIED
                    ? new CertifyAccessCommand(request.grantId(), id, request.reviewer(), request.notes(), at)
                    : new RevokeAccessCommand(request.grantId(), request.reviewer(),
                    request.notes() == null ? "revoked by access review " + id : request.notes(), id, at));
        });
        return new Reference(id, true);
    }

    private ResponseEntity<Reference> answer(String queryPath, Recorded recorded) {
        URI location = queryUri(queryPath, recorded.id());
        Reference body = new Reference(recorded.id(), recorded.existing());
        return recorded.existing() ? ResponseEntity.ok().location(location).body(body)
                : ResponseEntity.created(location).body(body);
    }

    private URI queryUri(String path, String id) {
        return UriComponentsBuilder.fromUri(properties.queryBaseUrl()).path(path).buildAndExpand(id).toUri();
    }

    private Instant at(Instant occurredAt) {
        return intake.at(occurredAt);
    }

    /** @param existing whether the request landed on something already on the ledger rather than a new one */
    record Reference(String id, boolean existing) {
    }
}
