package io.changeledger.command.security;

import io.changeledger.command.source.SourceRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what on the command side. Every path has a rule; a path without one (a new endpoint nobody thought
 * about) is for admins only, and {@code EndpointAccessMatrixIntegrationTest} fails until it gets its own rule.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfig {

    private static final String INGEST = Role.INGEST.name();
    private static final String COMPLIANCE = Role.COMPLIANCE.name();
    private static final String ADMIN = Role.ADMIN.name();

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy(Role.hierarchy());
    }

    @Bean
    OpaqueTokenIntrospector tokenIntrospector(SecurityProperties properties, ApiTokens tokens,
                                              SourceRegistry sources, TokenUse use) {
        return new TokenIntrospector(properties, tokens, sources, use);
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, OpaqueTokenIntrospector introspector, SecurityProperties properties)
            throws Exception {
        ProblemAnswers problems = new ProblemAnswers();
        http
                .addFilterBefore(new RequestSizeLimit(properties.maxRequestSize()),
                        org.springframework.security.web.context.SecurityContextHolderFilter.class)
                // bearer tokens in a header, no cookies: there is no session a forged cross-site request could ride
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .anonymous(anonymous -> { })
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .oauth2ResourceServer(server -> server
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        .authenticationManagerResolver(new BearerAuthentication(introspector, properties.jwt())))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").hasRole(ADMIN)
                        // errors of requests that were let in are rendered on this path
                        .requestMatchers("/error").permitAll()
                        // webhooks prove their source by the sender's signature, checked by their controllers
                        .requestMatchers(HttpMethod.POST, "/api/v1/webhooks/**").permitAll()
                        .requestMatchers("/api/v1/admin/**").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/v1/events", "/api/v1/cloudevents").hasRole(INGEST)
                        .requestMatchers(HttpMethod.POST, "/api/v1/freezes", "/api/v1/freezes/**").hasRole(COMPLIANCE)
                        .requestMatchers(HttpMethod.POST, "/api/v1/access/reviews", "/api/v1/access/reviews/**")
                        .hasRole(COMPLIANCE)
                        .requestMatchers(HttpMethod.POST, "/api/v1/changes", "/api/v1/changes/**", "/api/v1/incidents",
                                "/api/v1/incidents/**", "/api/v1/access/**").access(new UnscopedIngest())
                        .anyRequest().hasRole(ADMIN));
        return http.build();
    }
}
