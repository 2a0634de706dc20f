package io.changeledger.events.freeze;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;

/** The freeze ends early, at {@code occurredAt}; changes after that are not covered by it. */
@Revision("1")
public record ChangeFreezeLifted(String freezeId, String liftedBy, String reason, Instant occurredAt)
        implements FreezeEvent {

    public ChangeFreezeLifted {
        Require.text(freezeId, "freezeId");
        Require.text(liftedBy, "liftedBy");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
