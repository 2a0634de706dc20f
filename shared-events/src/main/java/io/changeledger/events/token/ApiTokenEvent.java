package io.changeledger.events.token;

import io.changeledger.events.LedgerEvent;

/**
 * The stream of the API tokens of both sides: who was given access to the ledger's APIs, when each token was first
 * used, and when it was taken away. One token is one aggregate, named by the token's id (never by its secret, which
 * nothing but its holder keeps).
 */
public sealed interface ApiTokenEvent extends LedgerEvent permits ApiTokenIssued, ApiTokenFirstUsed, ApiTokenRevoked {

    String tokenId();

    /** Which API the token opens: {@code command-side} or {@code query-side}. */
    String api();

    @Override
    default String aggregateId() {
        return tokenId();
    }
}
