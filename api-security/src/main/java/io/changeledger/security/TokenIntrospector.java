package io.changeledger.command.security;

import io.changeledger.command.source.SourceRegistry;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * Finds the caller behind an opaque bearer token in this application's own tables rather than at an introspection
 * endpoint: the bootstrap admin token, an API token, or a registered API source's credential (role ingest, so that
 * a source has one credential for everything it may do).
 */
class TokenIntrospector implements OpaqueTokenIntrospector {

    static final String BOOTSTRAP_ADMIN = "bootstrap-admin";

    private final SecurityProperties properties;
    private final ApiTokens tokens;
    private final SourceRegistry sources;
    private final TokenUse use;

    TokenIntrospector(SecurityProperties properties, ApiTokens tokens, SourceRegistry sources, TokenUse use) {
        this.properties = properties;
        this.tokens = tokens;
        this.sources = sources;
        this.use = use;
    }

    @Override
    public OAuth2AuthenticatedPrincipal introspect(String token) {
        if (properties.isAdminToken(token)) {
            return new Caller(BOOTSTRAP_ADMIN, Role.ADMIN, null);
        }
        var issued = tokens.active(token);
        if (issued.isPresent()) {
            if (issued.get().first()) {
                use.firstUsed(issued.get().token());
            }
            return new Caller(issued.get().token().name(), issued.get().token().role(), null);
        }
        // the message reaches no one: the answer says only that the token is not valid
        return sources.byToken(token).map(Caller::of)
                .orElseThrow(() -> new BadOpaqueTokenException("unknown, expired or revoked token"));
    }
}
