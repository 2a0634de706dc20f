package io.changeledger.command.security;

import io.changeledger.command.source.SourceRegistry;
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

import java.util.Set;

/**
 * Who may call what on the command side. Every path has a rule; a path without one (a new endpoint nobody thought
 * about) is for admins only, and {@code EndpointAccessMatrixIntegrationTest} fails until it gets its own rule.
 */
@Configuration(proxyBeanMethods = false)
@Import(ApiSecurity.class)
public class SecurityConfig {

    private static final String INGEST = Role.INGEST.name();
    private static final String COMPLIANCE = Role.COMPLIANCE.name();
    private static final String ADMIN = Role.ADMIN.name();

    /** Source credentials are tokens of role ingest, with the source's scope. */
    @Bean
    OpaqueTokenIntrospector tokenIntrospector(SecurityProperties properties, ApiTokens tokens,
                                              SourceRegistry sources) {
        return new TokenIntrospector(properties, tokens, token -> sources.byToken(token).map(SourceCaller::new));
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, OpaqueTokenIntrospector introspector, SecurityProperties properties)
            throws Exception {
        ApiSecurity.configure(http, introspector, properties, Set.of("/api/v1/events", "/api/v1/cloudevents"))
                .anonymous(anonymous -> { })
                .authorizeHttpRequests(requests -> {
                    ApiSecurity.rules(requests);
                    requests
                            // webhooks prove their source by the sender's signature, checked by their controllers
                            .requestMatchers(HttpMethod.POST, "/api/v1/webhooks/**").permitAll()
                            .requestMatchers(HttpMethod.POST, "/api/v1/events", "/api/v1/cloudevents").hasRole(INGEST)
                            .requestMatchers(HttpMethod.POST, "/api/v1/freezes", "/api/v1/freezes/**")
                            .hasRole(COMPLIANCE)
                            .requestMatchers(HttpMethod.POST, "/api/v1/access/reviews", "/api/v1/access/reviews/**")
                            .hasRole(COMPLIANCE)
                            .requestMatchers(HttpMethod.POST, "/api/v1/changes", "/api/v1/changes/**",
                                    "/api/v1/incidents", "/api/v1/incidents/**", "/api/v1/access/**")
                            .access(new UnscopedIngest())
                            .anyRequest().hasRole(ADMIN);
                });
        return http.build();
    }
}
