package io.changeledger.events.change;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The change is in production and done. */
@Revision("1")
public record ChangeCompleted(String changeId, String actor, String sourceSystem, Instant occurredAt) implements ChangeEvent {

    public ChangeCompleted {
        Require.text(changeId, "changeId");
        Require.text(actor, "actor");
        Require.text(sourceSystem, "sourceSystem");
        Require.present(occurredAt, "occurredAt");
    }
}
