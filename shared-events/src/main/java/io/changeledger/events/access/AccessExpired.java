package io.changeledger.events.access;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The grant's window ended; {@code occurredAt} is its end, whenever the ledger noticed. */
@Revision("1")
public record AccessExpired(String grantId, Instant occurredAt) implements AccessEvent {

    public AccessExpired {
        Require.text(grantId, "grantId");
        Require.present(occurredAt, "occurredAt");
    }
}
