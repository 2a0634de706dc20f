package io.changeledger.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who sent a request with an opaque bearer token: an API token's holder or the bootstrap admin. Open for extension
 * so that the command side can add a source's scope to its callers of role ingest.
 */
public class Caller implements OAuth2AuthenticatedPrincipal {

    private final String name;
    private final Role role;

    public Caller(String name, Role role) {
        this.name = Objects.requireNonNull(name, "name");
        this.role = Objects.requireNonNull(role, "role");
    }

    public Role role() {
        return role;
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
