package io.changeledger.command.change;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger log = LoggerFactory.getLogger(ReviewDeadlines.class);
    private static final int BATCH = 500;

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
        for (String changeId : lookup.reviewsDueBy(now, BATCH)) {
            try {
                commands.sendAndWait(new FlagOverdueReviewCommand(changeId, now));
            } catch (RuntimeException e) {
                log.warn("Could not flag the overdue review of change {}; the next check retries", changeId, e);
            }
        }
    }
}
