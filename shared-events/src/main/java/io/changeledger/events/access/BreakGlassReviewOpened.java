package io.changeledger.events.access;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Break-glass access skipped approval, so it must be reviewed by {@code dueAt}, as an emergency change is. */
@Revision("1")
public record BreakGlassReviewOpened(String grantId, Instant dueAt, Instant occurredAt) implements AccessEvent {

    public BreakGlassReviewOpened {
        Require.text(grantId, "grantId");
        Require.present(dueAt, "dueAt");
        Require.present(occurredAt, "occurredAt");
    }
}
