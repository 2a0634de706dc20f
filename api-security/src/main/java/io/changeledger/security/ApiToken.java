package io.changeledger.security;

import java.time.Instant;
import java.util.UUID;

/** An issued API token as the admin API shows it: never its secret, which only its holder has. */
public record ApiToken(UUID id, String name, Role role, String createdBy, Instant createdAt, Instant expiresAt,
                       Instant firstUsedAt, Instant revokedAt, String revokedBy) {
}
