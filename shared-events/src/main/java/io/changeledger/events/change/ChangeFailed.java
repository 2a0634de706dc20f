package io.changeledger.events.change;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The change did not succeed; what it did to production stays on the ledger. */
@Revision("1")
public record ChangeFailed(String changeId, String actor, String sourceSystem, String reason, Instant occurredAt) implements ChangeEvent {

    public ChangeFailed {
        Require.text(changeId, "changeId");
        Require.text(actor, "actor");
        Require.text(sourceSystem, "sourceSystem");
        Require.present(occurredAt, "occurredAt");
    }
}
