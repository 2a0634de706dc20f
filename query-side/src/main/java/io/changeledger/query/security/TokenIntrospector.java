package io.changeledger.query.security;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * Finds the caller behind an opaque bearer token in the query side's own token table rather than at an
 * introspection endpoint: the query side may run on a database of its own and never reads the command side's.
 */
class TokenIntrospector implements OpaqueTokenIntrospector {

    static final String BOOTSTRAP_ADMIN = "bootstrap-admin";

    private final SecurityProperties properties;
    private final ApiTokens tokens;
    private final TokenUse use;

    TokenIntrospector(SecurityProperties properties, ApiTokens tokens, TokenUse use) {
        this.properties = properties;
        this.tokens = tokens;
        this.use = use;
    }

    @Override
    public OAuth2AuthenticatedPrincipal introspect(String token) {
        if (properties.isAdminToken(token)) {
            return new Caller(BOOTSTRAP_ADMIN, Role.ADMIN);
        }
        ApiTokens.Used used = tokens.active(token)
                .orElseThrow(() -> new BadOpaqueTokenException("unknown, expired or revoked token"));
        if (used.first()) {
            use.firstUsed(used.token());
        }
        return new Caller(used.token().name(), used.token().role());
    }
}
