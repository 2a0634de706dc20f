package io.changeledger.command.security;

import io.changeledger.command.source.Source;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Who sent a request with a bearer token: a source (role ingest, with its scope), an API token's holder, or the
 * bootstrap admin.
 *
 * @param source the registered source, for role ingest; else null
 */
public record Caller(String name, Role role, Source source) implements OAuth2AuthenticatedPrincipal {

    public static Caller of(Source source) {
        return new Caller(source.name(), Role.INGEST, source);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Map<String, Object> getAttributes() {
        return Map.of("role", role.name());
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(role.granted());
    }
}
