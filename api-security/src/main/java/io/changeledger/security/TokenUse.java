package io.changeledger.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * What happens to tokens, put on the ledger, and in the log by ids and roles only: a token's secret reaches neither,
 * and the names of its holder and of the admin, often e-mail addresses, stay out of the log (the ledger has them).
 */
final class TokenUse {

    private static final Logger log = LoggerFactory.getLogger(TokenUse.class);

    private final TokenLedger ledger;

    TokenUse(TokenLedger ledger) {
        this.ledger = ledger;
    }

    void issued(ApiToken token) {
        ledger.issued(token);
        log.info("API token {} issued with role {}, expires {}", token.id(), token.role(), token.expiresAt());
    }

    void firstUsed(ApiToken token, Instant usedAt) {
        ledger.firstUsed(token, usedAt);
        log.info("API token {} used for the first time", token.id());
    }

    void revoked(ApiToken token) {
        ledger.revoked(token);
        log.info("API token {} revoked", token.id());
    }
}
