package io.changeledger.events.access;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The reviewer certified or revoked one grant of the review. */
@Revision("1")
public record AccessReviewDecided(String reviewId, String grantId, AccessDecision decision, String reviewer,
                                  String notes, Instant occurredAt) implements AccessReviewEvent {

    public AccessReviewDecided {
        Require.text(reviewId, "reviewId");
        Require.text(grantId, "grantId");
        Require.present(decision, "decision");
        Require.text(reviewer, "reviewer");
        Require.present(occurredAt, "occurredAt");
    }
}
