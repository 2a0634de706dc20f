package io.changeledger.query.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Who sent a request with an opaque bearer token: an API token's holder or the bootstrap admin. */
public record Caller(String name, Role role) implements OAuth2AuthenticatedPrincipal {

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
