package io.changeledger.security;

import java.time.Instant;

/**
 * Where each side puts what happens to its API tokens on the ledger: the command side as its own events, the query
 * side through its outbox to the command side. Called inside the transaction that changes the token, so that the
 * token and its ledger record are kept or lost together.
 */
public interface TokenLedger {

    void issued(ApiToken token);

    void firstUsed(ApiToken token, Instant usedAt);

    void revoked(ApiToken token);
}
