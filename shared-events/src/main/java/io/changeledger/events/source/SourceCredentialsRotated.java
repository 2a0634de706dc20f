package io.changeledger.events.source;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;

/** New credentials replaced the old ones, which stopped working at once. */
@Revision("1")
public record SourceCredentialsRotated(String sourceName, String rotatedBy, Instant occurredAt) implements SourceEvent {

    public SourceCredentialsRotated {
        Require.text(sourceName, "sourceName");
        Require.text(rotatedBy, "rotatedBy");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
