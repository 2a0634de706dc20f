package io.changeledger.events.access;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The request was turned down; it can never be granted. */
@Revision("1")
public record AccessDenied(String grantId, String deniedBy, String reason, Instant occurredAt) implements AccessEvent {

    public AccessDenied {
        Require.text(grantId, "grantId");
        Require.text(deniedBy, "deniedBy");
        Require.text(reason, "reason");
        Require.present(occurredAt, "occurredAt");
    }
}
