package io.changeledger.events.access;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * The review was not completed by its due date: a violation of {@code ACCESS_REVIEW_ON_SCHEDULE} for each
 * grant still undecided.
 */
@Revision("1")
public record AccessReviewOverdue(String reviewId, Instant dueAt, List<String> undecidedGrantIds,
                                  Instant occurredAt) implements AccessReviewEvent {

    public AccessReviewOverdue {
        Require.text(reviewId, "reviewId");
        Require.present(dueAt, "dueAt");
        undecidedGrantIds = Require.list(undecidedGrantIds);
        Require.present(occurredAt, "occurredAt");
    }
}
