package io.changeledger.command.access;

import io.changeledger.command.config.TimeOrderedIds;
import io.changeledger.command.Recorded;
import io.changeledger.command.access.AccessCommands.BreakGlassCommand;
import io.changeledger.command.access.AccessCommands.RecordStandingAccessCommand;
import io.changeledger.command.access.AccessCommands.RemoveStandingAccessCommand;
import io.changeledger.command.access.AccessCommands.RequestAccessCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * How access enters the ledger, whichever way it came: the access API, or an item of an ingested batch. Each call
 * returns once the events are stored.
 */
@Component
public class AccessIntake {

    private static final String DEFAULT_SOURCE_SYSTEM = "api";

    private final CommandGateway commands;
    private final AccessLookup lookup;
    private final AccessPolicyProperties policy;
    private final Clock clock;

    AccessIntake(CommandGateway commands, AccessLookup lookup, AccessPolicyProperties policy, Clock clock) {
        this.commands = commands;
        this.lookup = lookup;
        this.policy = policy;
        this.clock = clock;
    }

    public Recorded request(AccessRequests.RequestAccess request) {
        String grantId = TimeOrderedIds.next();
        boolean privileged = policy.privileged(request.role(), request.privileged());
        commands.sendAndWait(new RequestAccessCommand(grantId, request.principal(), request.system(),
                request.resource(), request.role(), privileged, request.justification(), request.duration(),
                request.changeId(), request.incidentId(), request.requestedBy(), source(request.sourceSystem()),
                policy.policy(privileged), at(request.occurredAt())));
        return new Recorded(grantId, false);
    }

    public Recorded breakGlass(AccessRequests.BreakGlass request) {
        String grantId = TimeOrderedIds.next();
        boolean privileged = policy.privileged(request.role(), request.privileged());
        commands.sendAndWait(new BreakGlassCommand(grantId, request.principal(), request.system(), request.resource(),
                request.role(), privileged, request.justification(), request.duration(), request.changeId(),
                request.incidentId(), source(request.sourceSystem()), policy.policy(privileged),
                at(request.occurredAt())));
        return new Recorded(grantId, false);
    }

    /** An IAM import: the same active assignment recorded again is the grant already on the ledger. */
    public Recorded standing(AccessRequests.StandingAccess request) {
        Optional<String> existing = lookup.activeStandingGrant(request.sourceSystem(), request.principal(),
                request.system(), request.role(), request.resource());
        if (existing.isPresent()) {
            return new Recorded(existing.get(), true);
        }
        String grantId = TimeOrderedIds.next();
        boolean privileged = policy.privileged(request.role(), request.privileged());
        commands.sendAndWait(new RecordStandingAccessCommand(grantId, request.principal(), request.system(),
                request.resource(), request.role(), privileged, request.sourceSystem(), request.assignedBy(),
                request.approvedBy(), policy.policy(privileged), at(request.occurredAt())));
        return new Recorded(grantId, false);
    }

    /** @throws ErrorResponseException 404 if the IAM system's assignment is not active on the ledger */
    public Recorded removeStanding(AccessRequests.StandingAccessRemoval request) {
        String grantId = lookup.activeStandingGrant(request.sourceSystem(), request.principal(), request.system(),
                request.role(), request.resource()).orElseThrow(() -> noStandingAccess(request));
        commands.sendAndWait(new RemoveStandingAccessCommand(grantId, request.removedBy(), request.sourceSystem(),
                at(request.occurredAt())));
        return new Recorded(grantId, true);
    }

    private static ErrorResponseException noStandingAccess(AccessRequests.StandingAccessRemoval request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No active standing access of "
                + request.principal() + " as " + request.role() + " on " + request.system() + " from "
                + request.sourceSystem());
        problem.setTitle("Not found");
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }

    Instant at(Instant occurredAt) {
        return occurredAt == null ? clock.instant() : occurredAt;
    }

    static String source(String sourceSystem) {
        return sourceSystem == null ? DEFAULT_SOURCE_SYSTEM : sourceSystem;
    }
}
