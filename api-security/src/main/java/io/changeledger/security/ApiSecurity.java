package io.changeledger.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.transaction.support.TransactionOperations;

import java.time.Clock;
import java.util.Set;

/**
 * What both APIs share of their security: stateless bearer authentication (API tokens and, when an issuer is
 * configured, OIDC JWTs), problem answers for 401, 403 and 413, the token admin API, and the rules every path of
 * both has. Each side imports it and adds its own rules after {@link #rules}, ending with admins only for paths
 * without a rule.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(SecurityProperties.class)
@Import(TokenController.class)
public class ApiSecurity {

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy(Role.hierarchy());
    }

    @Bean
    ApiTokens apiTokens(JdbcClient jdbc, TransactionOperations transaction, TokenLedger ledger, Clock clock) {
        return new ApiTokens(jdbc, transaction, ledger, clock);
    }

    /**
     * Sets up authentication and error answers on {@code http}; the caller adds its rules and builds it.
     *
     * @param unlimited paths that enforce a request size limit of their own instead of {@code max-request-size}
     */
    public static HttpSecurity configure(HttpSecurity http, OpaqueTokenIntrospector introspector,
                                         SecurityProperties properties, Set<String> unlimited) {
        ProblemAnswers problems = new ProblemAnswers();
        return http
                .addFilterBefore(new RequestSizeLimit(properties.maxRequestSize(), unlimited),
                        SecurityContextHolderFilter.class)
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
                        .authenticationManagerResolver(new BearerAuthentication(introspector, properties.jwt())));
    }

    /** The first rules of both sides: health for anyone, the rest of actuator and the admin API for admins. */
    public static void rules(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
        requests
                .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                .requestMatchers("/actuator/**").hasRole(Role.ADMIN.name())
                // errors of requests that were let in are rendered on this path
                .requestMatchers("/error").permitAll()
                .requestMatchers("/api/v1/admin/**").hasRole(Role.ADMIN.name());
    }
}
