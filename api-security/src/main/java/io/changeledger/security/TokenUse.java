package io.changeledger.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * What happens to tokens, put on the ledger and in the log by their ids and names only: a token's secret reaches
 * neither.
 */
final class TokenUse {

    private static final Logger log = LoggerFactory.getLogger(TokenUse.class);

    private final TokenLedger ledger;

    TokenUse(TokenLedger ledger) {
        this.ledger = ledger;
    }

    void issued(ApiToken token) {
        ledger.issued(token);
        log.info("API token {} '{}' issued with role {} by {}, expires {}", token.id(), token.name(), token.role(),
                token.createdBy(), token.expiresAt());
    }

    void firstUsed(ApiToken token, Instant usedAt) {
        ledger.firstUsed(token, usedAt);
        log.info("API token {} '{}' used for the first time", token.id(), token.name());
    }

    void revoked(ApiToken token) {
        ledger.revoked(token);
        log.info("API token {} '{}' revoked by {}", token.id(), token.name(), token.revokedBy());
    }
}
