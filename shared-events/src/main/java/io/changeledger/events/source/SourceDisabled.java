package io.changeledger.events.source;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;

/** The source's credentials no longer admit anything; what it recorded stays on the ledger. */
@Revision("1")
public record SourceDisabled(String sourceName, String disabledBy, String reason, Instant occurredAt)
        implements SourceEvent {

    public SourceDisabled {
        Require.text(sourceName, "sourceName");
        Require.text(disabledBy, "disabledBy");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
