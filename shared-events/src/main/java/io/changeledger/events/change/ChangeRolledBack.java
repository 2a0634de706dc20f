package io.changeledger.events.change;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The change was undone in production. */
@Revision("1")
public record ChangeRolledBack(String changeId, String actor, String sourceSystem, String reason, Instant occurredAt) implements ChangeEvent {

    public ChangeRolledBack {
        Require.text(changeId, "changeId");
        Require.text(actor, "actor");
        Require.text(sourceSystem, "sourceSystem");
        Require.present(occurredAt, "occurredAt");
    }
}
