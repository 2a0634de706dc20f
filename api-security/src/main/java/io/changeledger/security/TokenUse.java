package io.changeledger.command.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** What happens to tokens, told by their ids and names only: a token's secret never reaches a log. */
@Component
public class TokenUse {

    private static final Logger log = LoggerFactory.getLogger(TokenUse.class);

    void issued(ApiToken token) {
        log.info("API token {} '{}' issued with role {} by {}, expires {}", token.id(), token.name(), token.role(),
                token.createdBy(), token.expiresAt());
    }

    void firstUsed(ApiToken token) {
        log.info("API token {} '{}' used for the first time", token.id(), token.name());
    }

    void revoked(ApiToken token) {
        log.info("API token {} '{}' revoked by {}", token.id(), token.name(), token.revokedBy());
    }
}
