package io.changeledger.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.OpaqueTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Which way a bearer token is checked: a JWT (three dot-separated parts) by the configured issuer's keys, when an
 * issuer is configured; anything else, such as the random API tokens and source credentials, by this application's
 * own tables.
 */
final class BearerAuthentication implements AuthenticationManagerResolver<HttpServletRequest> {

    private final DefaultBearerTokenResolver tokens = new DefaultBearerTokenResolver();
    private final AuthenticationManager opaque;
    private final AuthenticationManager jwt;

    BearerAuthentication(OpaqueTokenIntrospector introspector, SecurityProperties.Jwt settings) {
        this.opaque = new ProviderManager(new OpaqueTokenAuthenticationProvider(introspector));
        this.jwt = settings.enabled() ? jwtManager(settings) : null;
    }

    @Override
    public AuthenticationManager resolve(HttpServletRequest request) {
        String token = tokens.resolve(request);
        boolean looksLikeJwt = token != null && token.chars().filter(c -> c == '.').count() == 2;
        return looksLikeJwt && jwt != null ? jwt : opaque;
    }

    private static AuthenticationManager jwtManager(SecurityProperties.Jwt settings) {
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder(settings));
        provider.setJwtAuthenticationConverter(new RolesFromClaim(settings.rolesClaim()));
        return new ProviderManager(provider);
    }

    private static JwtDecoder decoder(SecurityProperties.Jwt settings) {
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(settings.issuerUri()),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                        audiences -> audiences != null && audiences.stream().anyMatch(settings.audiences()::contains)));
        // discovery is deferred to the first JWT, so that an issuer that is down does not stop the application
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder;
            if (settings.publicKey() != null && !settings.publicKey().isBlank()) {
                decoder = NimbusJwtDecoder.withPublicKey(rsaPublicKey(settings.publicKey())).build();
            } else if (settings.jwkSetUri() != null && !settings.jwkSetUri().isBlank()) {
                decoder = NimbusJwtDecoder.withJwkSetUri(settings.jwkSetUri()).build();
            } else {
                decoder = NimbusJwtDecoder.withIssuerLocation(settings.issuerUri()).build();
            }
            decoder.setJwtValidator(validator);
            return decoder;
        });
    }

    private static RSAPublicKey rsaPublicKey(String pem) {
        try {
            String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (Exception e) {
            throw new IllegalStateException("changeledger.security.jwt.public-key is no RSA public key in PEM", e);
        }
    }

    /** The roles a claim names (a list, or a space-separated string), as this application's roles; others ignored. */
    private record RolesFromClaim(String claim) implements Converter<Jwt, AbstractAuthenticationToken> {

        @Override
        public AbstractAuthenticationToken convert(Jwt token) {
            Object value = token.getClaims().get(claim);
            Collection<?> named = value instanceof Collection<?> list ? list
                    : value instanceof String text ? List.of(text.split("\\s+")) : List.of();
            List<GrantedAuthority> roles = named.stream().map(String::valueOf).map(Role::named)
                    .flatMap(Optional::stream).map(Role::granted).toList();
            return new JwtAuthenticationToken(token, roles, token.getSubject());
        }
    }
}
