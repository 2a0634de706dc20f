package io.changeledger.security;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the caller behind an opaque bearer token in this application's own tables rather than at an introspection
 * endpoint: the bootstrap admin token, an API token, or whatever other credential the application knows (the
 * command side's source credentials, of role ingest, so that a source has one credential for everything it may do).
 */
public final class TokenIntrospector implements OpaqueTokenIntrospector {

    public static final String BOOTSTRAP_ADMIN = "bootstrap-admin";

    private final SecurityProperties properties;
    private final ApiTokens tokens;
    private final Function<String, Optional<? extends Caller>> otherCredentials;

    public TokenIntrospector(SecurityProperties properties, ApiTokens tokens,
                             Function<String, Optional<? extends Caller>> otherCredentials) {
        this.properties = properties;
        this.tokens = tokens;
        this.otherCredentials = otherCredentials;
    }

    @Override
    public OAuth2AuthenticatedPrincipal introspect(String token) {
        if (properties.isAdminToken(token)) {
            return new Caller(BOOTSTRAP_ADMIN, Role.ADMIN);
        }
        Optional<ApiToken> issued = tokens.active(token);
        if (issued.isPresent()) {
            return new Caller(issued.get().name(), issued.get().role());
        }
        // the message reaches no one: the answer says only that the token is not valid
        return otherCredentials.apply(token).map(Caller.class::cast)
                .orElseThrow(() -> new BadOpaqueTokenException("unknown, expired or revoked token"));
    }
}
