package io.changeledger.events.source;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;

/**
 * @param ratePerSecond the events a second the source may send over HTTP before it is told to wait (429)
 */
@Revision("1")
public record SourceRegistered(String sourceName, SourceKind kind, SourceScope scope, int ratePerSecond,
                               String description, String registeredBy, Instant occurredAt) implements SourceEvent {

    public SourceRegistered {
        Require.text(sourceName, "sourceName");
        Require.present(kind, "kind");
        scope = scope == null ? SourceScope.ALL : scope;
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("ratePerSecond must be positive");
        }
        Require.text(registeredBy, "registeredBy");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
