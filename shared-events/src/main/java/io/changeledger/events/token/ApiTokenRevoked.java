package io.changeledger.events.token;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;

/** An admin revoked an API token before it expired: it opens nothing from then on. */
@Revision("1")
public record ApiTokenRevoked(String tokenId, String api, String revokedBy, Instant occurredAt)
        implements ApiTokenEvent {

    public ApiTokenRevoked {
        Require.text(tokenId, "tokenId");
        Require.text(api, "api");
        Require.text(revokedBy, "revokedBy");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
