package io.changeledger.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * An OAuth 2.0 / OIDC issuer for tests: a key pair made here stands in for the issuer's, and another for a forger's.
 * {@link #configure} points an application at it the way {@code CHANGELEDGER_JWT_*} would.
 */
public final class TestIssuer {

    public static final String ISSUER = "https://login.example.test/realms/acme";
    public static final String AUDIENCE = "changeledger";

    private static final KeyPair ISSUER_KEYS = rsa();
    private static final KeyPair FORGER_KEYS = rsa();

    private TestIssuer() {
    }

    public static void configure(DynamicPropertyRegistry registry) {
        registry.add("changeledger.security.jwt.issuer-uri", () -> ISSUER);
        registry.add("changeledger.security.jwt.audiences", () -> AUDIENCE);
        registry.add("changeledger.security.jwt.roles-claim", () -> "roles");
        registry.add("changeledger.security.jwt.public-key", () -> "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(ISSUER_KEYS.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----");
    }

    /** A token the issuer signed for this ledger, valid for five minutes, with these roles. */
    public static String jwt(String... roles) {
        return jwt(ISSUER_KEYS.getPrivate(), ISSUER, AUDIENCE, List.of(roles), Instant.now().plusSeconds(300));
    }

    public static String jwtOfAnotherIssuer(String role) {
        return jwt(ISSUER_KEYS.getPrivate(), "https://evil.example.test", AUDIENCE, List.of(role),
                Instant.now().plusSeconds(300));
    }

    public static String jwtForAnotherAudience(String role) {
        return jwt(ISSUER_KEYS.getPrivate(), ISSUER, "another-app", List.of(role), Instant.now().plusSeconds(300));
    }

    public static String forgedJwt(String role) {
        return jwt(FORGER_KEYS.getPrivate(), ISSUER, AUDIENCE, List.of(role), Instant.now().plusSeconds(300));
    }

    public static String expiredJwt(String role) {
        return jwt(ISSUER_KEYS.getPrivate(), ISSUER, AUDIENCE, List.of(role), Instant.now().minusSeconds(300));
    }

    private static String jwt(PrivateKey key, String issuer, String audience, List<String> roles, Instant expires) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder()
                    .issuer(issuer).audience(audience).subject("ivan@audit-firm").claim("roles", roles)
                    .issueTime(Date.from(expires.minus(Duration.ofMinutes(10))))
                    .expirationTime(Date.from(expires)).build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
