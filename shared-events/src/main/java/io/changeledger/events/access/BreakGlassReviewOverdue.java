package io.changeledger.events.access;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The review of break-glass access was not completed by its deadline. */
@Revision("1")
public record BreakGlassReviewOverdue(String grantId, Instant dueAt, Instant occurredAt) implements AccessEvent {

    public BreakGlassReviewOverdue {
        Require.text(grantId, "grantId");
        Require.present(dueAt, "dueAt");
        Require.present(occurredAt, "occurredAt");
    }
}
