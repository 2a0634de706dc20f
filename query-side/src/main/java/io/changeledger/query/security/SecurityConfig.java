package io.changeledger.query.security;

import io.changeledger.security.ApiSecurity;
import io.changeledger.security.ApiTokens;
import io.changeledger.security.Role;
import io.changeledger.security.SecurityProperties;
import io.changeledger.security.TokenIntrospector;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.web.SecurityFilterChain;

import java.util.Optional;
import java.util.Set;

/**
 * Who may call what on the query side: everything it answers is for auditors (and so for compliance and admins),
 * its admin API for admins. A path without a rule is for admins only, and
 * {@code EndpointAccessMatrixIntegrationTest} fails until it gets its own rule.
 */
@Configuration(proxyBeanMethods = false)
@Import(ApiSecurity.class)
public class SecurityConfig {

    /** The query side knows no credentials but its API tokens: it may run on a database of its own. */
    @Bean
    OpaqueTokenIntrospector tokenIntrospector(SecurityProperties properties, ApiTokens tokens) {
        return new TokenIntrospector(properties, tokens, token -> Optional.empty());
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, OpaqueTokenIntrospector introspector, SecurityProperties properties)
            throws Exception {
        ApiSecurity.configure(http, introspector, properties, Set.of())
                .authorizeHttpRequests(requests -> {
                    ApiSecurity.rules(requests);
                    requests
                            .requestMatchers(HttpMethod.GET, "/api/v1/**", "/v3/api-docs", "/v3/api-docs/**")
                            .hasRole(Role.AUDITOR.name())
                            .anyRequest().hasRole(Role.ADMIN.name());
                });
        return http.build();
    }
}
