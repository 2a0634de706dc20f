package io.changeledger.events.access;

import io.changeledger.events.Require;
import io.changeledger.events.change.ReviewOutcome;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Someone other than the principal reviewed the use of break-glass access. */
@Revision("1")
public record BreakGlassReviewCompleted(String grantId, String reviewer, ReviewOutcome outcome, String notes,
                                        Instant occurredAt) implements AccessEvent {

    public BreakGlassReviewCompleted {
        Require.text(grantId, "grantId");
        Require.text(reviewer, "reviewer");
        Require.present(outcome, "outcome");
        Require.present(occurredAt, "occurredAt");
    }
}
