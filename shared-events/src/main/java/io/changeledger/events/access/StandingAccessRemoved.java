package io.changeledger.events.access;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The IAM system no longer has the role assignment. */
@Revision("1")
public record StandingAccessRemoved(String grantId, String removedBy, String sourceSystem,
                                    Instant occurredAt) implements AccessEvent {

    public StandingAccessRemoved {
        Require.text(grantId, "grantId");
        Require.text(sourceSystem, "sourceSystem");
        Require.present(occurredAt, "occurredAt");
    }
}
