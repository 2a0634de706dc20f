package io.changeledger.query.security;

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
 * Who may call what on the query side: everything it answers is for auditors (and so for compliance and admins),
 * its admin API for admins. A path without a rule is for admins only, and
 * {@code EndpointAccessMatrixIntegrationTest} fails until it gets its own rule.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfig {

    private static final String AUDITOR = Role.AUDITOR.name();
    private static final String ADMIN = Role.ADMIN.name();

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy(Role.hierarchy());
    }

    @Bean
    OpaqueTokenIntrospector tokenIntrospector(SecurityProperties properties, ApiTokens tokens, TokenUse use) {
        return new TokenIntrospector(properties, tokens, use);
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, OpaqueTokenIntrospector introspector, SecurityProperties properties)
            throws Exception {
        ProblemAnswers problems = new ProblemAnswers();
        http
                // bearer tokens in a header, no cookies: there is no session a forged cross-site request could ride
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
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
                        .requestMatchers("/api/v1/admin/**").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/**", "/v3/api-docs", "/v3/api-docs/**")
                        .hasRole(AUDITOR)
                        .anyRequest().hasRole(ADMIN));
        return http.build();
    }
}
