package io.changeledger.events.access;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Every grant of the review was decided. */
@Revision("1")
public record AccessReviewCompleted(String reviewId, Instant occurredAt) implements AccessReviewEvent {

    public AccessReviewCompleted {
        Require.text(reviewId, "reviewId");
        Require.present(occurredAt, "occurredAt");
    }
}
