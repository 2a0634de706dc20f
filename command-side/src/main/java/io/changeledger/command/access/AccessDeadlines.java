package io.changeledger.command.access;

import io.changeledger.command.access.AccessCommands.ExpireAccessCommand;
import io.changeledger.command.access.AccessCommands.FlagOverdueAccessReviewCommand;
import io.changeledger.command.access.AccessCommands.FlagOverdueBreakGlassReviewCommand;
import io.changeledger.command.access.AccessCommands.FlagUncertifiedAccessCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Expires grants at the end of their window and flags the deadlines that passed, each as a ledger event. The
 * deadlines live in the database, so a restart loses none; every command is idempotent in its aggregate, so
 * several instances may check at once, and a lost race is an optimistic-locking failure the next round retries.
 */
@Component
class AccessDeadlines {

    private static final Logger log = LoggerFactory.getLogger(AccessDeadlines.class);
    private static final int BATCH = 500;
    private static final int MAX_BATCHES_PER_ROUND = 200;

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
        drain(() -> lookup.grantsExpiringBy(now, BATCH), id -> new ExpireAccessCommand(id, now), "expire access");
        drain(() -> lookup.breakGlassReviewsDueBy(now, BATCH), id -> new FlagOverdueBreakGlassReviewCommand(id, now),
                "flag the overdue break-glass review of");
        drain(() -> lookup.certificationsDueBy(now, BATCH), id -> new FlagUncertifiedAccessCommand(id, now),
                "flag the missed certification of");
        drain(() -> lookup.accessReviewsDueBy(now, BATCH), id -> new FlagOverdueAccessReviewCommand(id, now),
                "flag the overdue access review");
    }

    /**
     * Batch after batch until none is full: thousands of grants may end in the same minute, and one batch a round
     * would fall behind. A batch with a failure ends the round, so a grant that keeps failing is not retried in a
     * tight loop, and a round is bounded in case a command changes nothing the lookup sees.
     */
    private void drain(Supplier<List<String>> due, Function<String, Object> command, String what) {
        List<String> ids;
        int batches = 0;
        do {
            ids = due.get();
            for (String id : ids) {
                try {
                    commands.sendAndWait(command.apply(id));
                } catch (RuntimeException e) {
                    log.warn("Could not {} {}; the next check retries", what, id, e);
                    return;
                }
            }
        } while (ids.size() == BATCH && ++batches < MAX_BATCHES_PER_ROUND);
    }
}
