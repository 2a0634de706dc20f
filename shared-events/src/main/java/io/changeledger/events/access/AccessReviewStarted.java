package io.changeledger.events.access;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * A periodic review of who holds access to a system began. Its scope is the grants active when it started.
 *
 * @param reviewer who is to decide on each grant; nobody decides on their own access
 */
@Revision("1")
public record AccessReviewStarted(String reviewId, String system, List<ReviewedGrant> grants, String reviewer,
                                  Instant dueAt, String startedBy, Instant occurredAt) implements AccessReviewEvent {

    public AccessReviewStarted {
        Require.text(reviewId, "reviewId");
        Require.text(system, "system");
        grants = Require.list(grants);
        Require.text(reviewer, "reviewer");
        Require.present(dueAt, "dueAt");
        Require.text(startedBy, "startedBy");
        Require.present(occurredAt, "occurredAt");
    }
}
