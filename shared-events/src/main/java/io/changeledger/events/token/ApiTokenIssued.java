package io.changeledger.events.token;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An admin issued an API token.
 *
 * @param name       whose token it is, as the admin named it
 * @param role       {@code AUDITOR}, {@code COMPLIANCE} or {@code ADMIN}
 * @param issuedBy   the admin who issued it, as authenticated
 * @param occurredAt when it was issued, and from when it works
 * @param expiresAt  when it stops working unless revoked before
 */
@Revision("1")
public record ApiTokenIssued(String tokenId, String api, String name, String role, String issuedBy, Instant occurredAt,
                             Instant expiresAt) implements ApiTokenEvent {

    public static final Set<String> ROLES = Set.of("INGEST", "AUDITOR", "COMPLIANCE", "ADMIN");

    public ApiTokenIssued {
        Require.text(tokenId, "tokenId");
        Require.text(api, "api");
        Require.text(name, "name");
        Require.text(issuedBy, "issuedBy");
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("role must be one of " + ROLES + ", not " + role);
        }
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(occurredAt)) {
            throw new IllegalArgumentException("a token must expire after it was issued");
        }
    }
}
