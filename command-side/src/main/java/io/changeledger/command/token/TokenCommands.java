package io.changeledger.command.token;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** What the ledger is told about an API token of either side. */
final class TokenCommands {

    private TokenCommands() {
    }

    record RecordTokenIssuedCommand(@TargetAggregateIdentifier String tokenId, String api, String name, String role,
                                    String issuedBy, Instant issuedAt, Instant expiresAt) {
    }

    record RecordTokenFirstUseCommand(@TargetAggregateIdentifier String tokenId, String api, Instant usedAt) {
    }

    record RecordTokenRevocationCommand(@TargetAggregateIdentifier String tokenId, String api, String revokedBy,
                                        Instant revokedAt) {
    }
}
