package io.changeledger.events.change;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A reviewer other than the people who made an emergency change judged it. */
@Revision("1")
public record RetrospectiveReviewCompleted(String changeId, String reviewer, ReviewOutcome outcome, String notes, Instant occurredAt) implements ChangeEvent {

    public RetrospectiveReviewCompleted {
        Require.text(changeId, "changeId");
        Require.text(reviewer, "reviewer");
        Require.present(outcome, "outcome");
        Require.present(occurredAt, "occurredAt");
    }
}
