package io.changeledger.events.source;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;

@Revision("1")
public record SourceScopeChanged(String sourceName, SourceScope scope, int ratePerSecond, String changedBy,
                                 Instant occurredAt) implements SourceEvent {

    public SourceScopeChanged {
        Require.text(sourceName, "sourceName");
        scope = scope == null ? SourceScope.ALL : scope;
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("ratePerSecond must be positive");
        }
        Require.text(changedBy, "changedBy");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
