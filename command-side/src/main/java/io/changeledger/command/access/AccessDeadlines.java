package io.changeledger.command.access;

import io.changeledger.command.access.AccessCommands.ExpireAccessCommand;
import io.changeledger.command.access.AccessCommands.FlagOverdueAccessReviewCommand;
import io.changeledger.command.access.AccessCommands.FlagOverdueBreakGlassReviewCommand;
import io.changeledger.command.access.AccessCommands.FlagUncertifiedAccessCommand;
import io.changeledger.command.deadline.DueWork;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/**
 * Expires grants at the end of their window and flags the deadlines that passed, each as a ledger event. The
 * deadlines live in the database, so a restart loses none; every command is idempotent in its aggregate, so
 * several instances may check at once, and a lost race is an optimistic-locking failure the next round retries.
 */
@Component
class AccessDeadlines {

    private final AccessLookup lookup;
    private final CommandGateway commands;
    private final Clock clock;

    AccessDeadlines(AccessLookup lookup, CommandGateway commands, Clock clock) {
        this.lookup = lookup;
        this.commands = commands;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${changeledger.access.check-interval:30s}",
            initialDelayString = "${changeledger.access.check-interval:30s}")
    void check() {
        Instant now = clock.instant();
        DueWork.drain(limit -> lookup.grantsExpiringBy(now, limit),
                id -> commands.sendAndWait(new ExpireAccessCommand(id, now)), "expire access");
        DueWork.drain(limit -> lookup.breakGlassReviewsDueBy(now, limit),
                id -> commands.sendAndWait(new FlagOverdueBreakGlassReviewCommand(id, now)),
                "flag the overdue break-glass review of");
        DueWork.drain(limit -> lookup.certificationsDueBy(now, limit),
                id -> commands.sendAndWait(new FlagUncertifiedAccessCommand(id, now)),
                "flag the missed certification of");
        DueWork.drain(limit -> lookup.accessReviewsDueBy(now, limit),
                id -> commands.sendAndWait(new FlagOverdueAccessReviewCommand(id, now)),
                "flag the overdue access review");
    }
}
