package io.changeledger.query.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * An API token as the ledger knows it: never its secret, which nothing but its holder keeps.
 *
 * @param issuedEventId the ledger event of its issue, for an inclusion proof
 */
record ApiTokenRecord(String tokenId, String api, String name, String role, String issuedBy, Instant issuedAt,
                      Instant expiresAt, Instant firstUsedAt, String revokedBy, Instant revokedAt,
                      UUID issuedEventId) {
}
