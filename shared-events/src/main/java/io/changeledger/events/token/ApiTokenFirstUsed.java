package io.changeledger.events.token;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;

/** An API token was used for the first time: from here on, its holder has been in. */
@Revision("1")
public record ApiTokenFirstUsed(String tokenId, String api, Instant occurredAt) implements ApiTokenEvent {

    public ApiTokenFirstUsed {
        Require.text(tokenId, "tokenId");
        Require.text(api, "api");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
