package io.changeledger.events.change;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The review of an emergency change passed its deadline unfinished; {@code occurredAt} is when the ledger noticed. */
@Revision("1")
public record RetrospectiveReviewOverdue(String changeId, Instant dueAt, Instant occurredAt) implements ChangeEvent {

    public RetrospectiveReviewOverdue {
        Require.text(changeId, "changeId");
        Require.present(dueAt, "dueAt");
        Require.present(occurredAt, "occurredAt");
    }
}
