package io.changeledger.command.deadline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * One round of a deadline check: batch after batch of what is due, until a batch comes back short. Thousands of
 * grants or reviews may fall due in the same minute; one batch a round would fall further behind with every round.
 * A failure ends the round, so that work that keeps failing is retried by the next round rather than in a tight
 * loop, and a round is bounded in case the work changes nothing the lookup sees.
 */
public final class DueWork {

    public static final int BATCH = 500;
    static final int MAX_BATCHES_PER_ROUND = 200;

    private static final Logger log = LoggerFactory.getLogger(DueWork.class);

    private DueWork() {
    }

    /**
     * @param due  the ids due now, at most the given number, oldest first; what {@code work} did must drop out of it
     * @param work what to do with one id: send the command that records the deadline on the ledger
     * @param what for the log, as in "Could not {what} {id}"
     * @return how many ids were worked on without failure
     */
    public static int drain(IntFunction<List<String>> due, Consumer<String> work, String what) {
        int done = 0;
        for (int batches = 0; batches < MAX_BATCHES_PER_ROUND; batches++) {
            List<String> ids = due.apply(BATCH);
            for (String id : ids) {
                try {
                    work.accept(id);
                    done++;
                } catch (RuntimeException e) {
                    log.warn("Could not {} {}; the next check retries", what, id, e);
                    return done;
                }
            }
            if (ids.size() < BATCH) {
                break;
            }
        }
        return done;
    }
}
