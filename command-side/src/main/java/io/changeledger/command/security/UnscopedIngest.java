package io.changeledger.command.security;

import io.changeledger.events.source.SourceScope;
import io.changeledger.security.Caller;
import io.changeledger.security.Role;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import java.util.Set;
import java.util.function.Supplier;

/**
 * The command endpoints (/api/v1/changes, /incidents, /access) take whole commands that no scope check looks into,
 * so only a registered source whose scope allows everything may use them (and admins); a source with a scope sends
 * through /api/v1/events or /api/v1/cloudevents, where every event is checked against it, and gets 403 here.
 */
final class UnscopedIngest implements AuthorizationManager<RequestAuthorizationContext> {

    private static final Set<String> ALLOWED = Set.of(Role.INGEST.authority(), Role.ADMIN.authority());

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
                                         RequestAuthorizationContext request) {
        Authentication caller = authentication.get();
        if (caller == null || !caller.isAuthenticated() || caller instanceof AnonymousAuthenticationToken) {
            return new AuthorizationDecision(false);
        }
        if (caller.getPrincipal() instanceof SourceCaller source) {
            return new AuthorizationDecision(source.source().scope().equals(SourceScope.ALL));
        }
        if (caller.getPrincipal() instanceof Caller) {
            return new AuthorizationDecision(caller.getAuthorities().stream()
                    .anyMatch(granted -> ALLOWED.contains(granted.getAuthority())));
        }
        // a JWT naming the ingest role is no registered source and has no scope to go by: admins only
        return new AuthorizationDecision(caller.getAuthorities().stream()
                .anyMatch(granted -> granted.getAuthority().equals(Role.ADMIN.authority())));
    }
}
