package io.changeledger.events.freeze;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;

/** The freeze ends early, at {@code occurredAt}; changes after that are not covered by it. */
@Revision("1")
public record ChangeFreezeLifted(String freezeId, String liftedBy, String reason, Instant occurredAt)
        implements FreezeEvent {

    public ChangeFreezeLifted {
        ChangeFreezeDeclared.requireText(freezeId, "freezeId");
        ChangeFreezeDeclared.requireText(liftedBy, "liftedBy");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
