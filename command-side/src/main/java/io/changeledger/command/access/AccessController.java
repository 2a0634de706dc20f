package io.changeledger.command.access;

import io.changeledger.command.access.AccessCommands.ApproveAccessCommand;
import io.changeledger.command.access.AccessCommands.BreakGlassCommand;
import io.changeledger.command.access.AccessCommands.CertifyAccessCommand;
import io.changeledger.command.access.AccessCommands.CompleteBreakGlassReviewCommand;
import io.changeledger.command.access.AccessCommands.DecideAccessReviewCommand;
import io.changeledger.command.access.AccessCommands.DenyAccessCommand;
import io.changeledger.command.access.AccessCommands.GrantAccessCommand;
import io.changeledger.command.access.AccessCommands.RecordSessionCommand;
import io.changeledger.command.access.AccessCommands.RecordStandingAccessCommand;
import io.changeledger.command.access.AccessCommands.RemoveStandingAccessCommand;
import io.changeledger.command.access.AccessCommands.RequestAccessCommand;
import io.changeledger.command.access.AccessCommands.RevokeAccessCommand;
import io.changeledger.command.access.AccessCommands.StartAccessReviewCommand;
import io.changeledger.command.config.ChangeLedgerProperties;
import io.changeledger.events.access.AccessDecision;
import io.changeledger.events.access.ReviewedGrant;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Records access to production: requests and their decisions, grants, sessions, revocations, break-glass access,
 * standing access from IAM systems, and periodic access reviews. Every answer comes once the events are stored.
 */
@RestController
@RequestMapping(path = "/api/v1/access", produces = MediaType.APPLICATION_JSON_VALUE,
        consumes = MediaType.APPLICATION_JSON_VALUE)
class AccessController {

    private static final String DEFAULT_SOURCE_SYSTEM = "api";

    private final CommandGateway commands;
    private final AccessLookup lookup;
    private final AccessPolicyProperties policy;
    private final ChangeLedgerProperties properties;
    private final TransactionOperations transaction;
    private final Clock clock;

    AccessController(CommandGateway commands, AccessLookup lookup, AccessPolicyProperties policy,
                     ChangeLedgerProperties properties, TransactionOperations transaction, Clock clock) {
        this.commands = commands;
        this.lookup = lookup;
        this.policy = policy;
        this.properties = properties;
        this.transaction = transaction;
        this.clock = clock;
    }

    @PostMapping("/requests")
    ResponseEntity<Reference> request(@Valid @RequestBody AccessRequests.RequestAccess request) {
        String grantId = UUID.randomUUID().toString();
        boolean privileged = policy.privileged(request.role(), request.privileged());
        commands.sendAndWait(new RequestAccessCommand(grantId, request.principal(), request.system(),
                request.resource(), request.role(), privileged, request.justification(), request.duration(),
                request.changeId(), request.incidentId(), request.requestedBy(), source(request.sourceSystem()),
                policy.policy(privileged), at(request.occurredAt())));
        return created("/api/v1/access/grants/{id}", grantId);
    }

    @PostMapping("/break-glass")
    ResponseEntity<Reference> breakGlass(@Valid @RequestBody AccessRequests.BreakGlass request) {
        String grantId = UUID.randomUUID().toString();
        boolean privileged = policy.privileged(request.role(), request.privileged());
        commands.sendAndWait(new BreakGlassCommand(grantId, request.principal(), request.system(), request.resource(),
                request.role(), privileged, request.justification(), request.duration(), request.changeId(),
                request.incidentId(), source(request.sourceSystem()), policy.policy(privileged),
                at(request.occurredAt())));
        return created("/api/v1/access/grants/{id}", grantId);
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
        Instant now = clock.instant();
        commands.sendAndWait(new GrantAccessCommand(id, request.validFrom() == null ? now : request.validFrom(),
                request.validUntil(), request.grantedBy(), request.occurredAt() == null ? now : request.occurredAt()));
        return new Reference(id, true);
    }

    @PostMapping("/grants/{id}/sessions")
    Reference session(@PathVariable String id, @Valid @RequestBody AccessRequests.Session request) {
        Instant reported = request.endedAt() == null ? request.startedAt() : request.endedAt();
        commands.sendAndWait(new RecordSessionCommand(id, request.sessionId(), request.startedAt(), request.endedAt(),
                source(request.sourceSystem()), reported));
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
        var existing = lookup.activeStandingGrant(request.sourceSystem(), request.principal(), request.system(),
                request.role(), request.resource());
        if (existing.isPresent()) {
            return ResponseEntity.ok().location(queryUri("/api/v1/access/grants/{id}", existing.get()))
                    .body(new Reference(existing.get(), true));
        }
        String grantId = UUID.randomUUID().toString();
        boolean privileged = policy.privileged(request.role(), request.privileged());
        commands.sendAndWait(new RecordStandingAccessCommand(grantId, request.principal(), request.system(),
                request.resource(), request.role(), privileged, request.sourceSystem(), request.assignedBy(),
                request.approvedBy(), policy.policy(privileged), at(request.occurredAt())));
        return created("/api/v1/access/grants/{id}", grantId);
    }

    @PostMapping("/standing/removals")
    Reference removeStanding(@Valid @RequestBody AccessRequests.StandingAccessRemoval request) {
        String grantId = lookup.activeStandingGrant(request.sourceSystem(), request.principal(), request.system(),
                request.role(), request.resource()).orElseThrow(() -> noStandingAccess(request));
        commands.sendAndWait(new RemoveStandingAccessCommand(grantId, request.removedBy(), request.sourceSystem(),
                at(request.occurredAt())));
        return new Reference(grantId, true);
    }

    /** The review's scope is every grant of the system active at this moment. */
    @PostMapping("/reviews")
    ResponseEntity<Reference> startReview(@Valid @RequestBody AccessRequests.StartReview request) {
        String reviewId = UUID.randomUUID().toString();
        List<ReviewedGrant> scope = lookup.activeGrants(request.system());
        commands.sendAndWait(new StartAccessReviewCommand(reviewId, request.system(), scope, request.reviewer(),
                request.dueAt(), request.startedBy(), at(request.occurredAt())));
        return created("/api/v1/access/reviews/{id}", reviewId);
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

    private static ErrorResponseException noStandingAccess(AccessRequests.StandingAccessRemoval request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No active standing access of "
                + request.principal() + " as " + request.role() + " on " + request.system() + " from "
                + request.sourceSystem());
        problem.setTitle("Not found");
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }

    private ResponseEntity<Reference> created(String queryPath, String id) {
        return ResponseEntity.created(queryUri(queryPath, id)).body(new Reference(id, false));
    }

    private URI queryUri(String path, String id) {
        return UriComponentsBuilder.fromUri(properties.queryBaseUrl()).path(path).buildAndExpand(id).toUri();
    }

    private Instant at(Instant occurredAt) {
        return occurredAt == null ? clock.instant() : occurredAt;
    }

    private static String source(String sourceSystem) {
        return sourceSystem == null ? DEFAULT_SOURCE_SYSTEM : sourceSystem;
    }

    /** @param existing whether the request landed on something already on the ledger rather than a new one */
    record Reference(String id, boolean existing) {
    }
}
