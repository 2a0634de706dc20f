package io.changeledger.events.change;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** An emergency change skipped prior approval, so it must be reviewed by {@code dueAt}. */
@Revision("1")
public record RetrospectiveReviewOpened(String changeId, Instant dueAt, Instant occurredAt) implements ChangeEvent {

    public RetrospectiveReviewOpened {
        Require.text(changeId, "changeId");
        Require.present(dueAt, "dueAt");
        Require.present(occurredAt, "occurredAt");
    }
}
