package io.changeledger.events.change;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Work on production began; the actor is the deployer. */
@Revision("1")
public record ChangeStarted(String changeId, String actor, String sourceSystem, Instant occurredAt) implements ChangeEvent {

    public ChangeStarted {
        Require.text(changeId, "changeId");
        Require.text(actor, "actor");
        Require.text(sourceSystem, "sourceSystem");
        Require.present(occurredAt, "occurredAt");
    }
}
