package io.changeledger.command.change;

import io.changeledger.command.deadline.DueWork;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/**
 * Records an overdue retrospective review as a ledger event once its deadline passes. The check survives
 * restarts (the deadlines live in the database) and is safe on several instances at once: flagging is
 * idempotent in the aggregate, and a lost race is an optimistic-locking failure that the next round retries.
 */
@Component
class ReviewDeadlines {

    private final ChangeLookup lookup;
    private final CommandGateway commands;
    private final Clock clock;

    ReviewDeadlines(ChangeLookup lookup, CommandGateway commands, Clock clock) {
        this.lookup = lookup;
        this.commands = commands;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${changeledger.policy.review-check-interval:30s}",
            initialDelayString = "${changeledger.policy.review-check-interval:30s}")
    void flagOverdueReviews() {
        Instant now = clock.instant();
        DueWork.drain(limit -> lookup.reviewsDueBy(now, limit),
                id -> commands.sendAndWait(new FlagOverdueReviewCommand(id, now)),
                "flag the overdue review of change");
    }
}
