package io.changeledger.query.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.changeledger.query.Infrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bearer JWTs of an OAuth 2.0 / OIDC issuer, checked by Spring Security's resource server against the issuer's key
 * (a key pair made here stands in for the issuer's), its name and this ledger's audience; roles from a claim.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(Infrastructure.class)
class JwtIntegrationTest {

    private static final String ISSUER = "https://login.example.test/realms/acme";
    private static final KeyPair ISSUER_KEYS = rsa();
    private static final KeyPair SOMEONE_ELSES_KEYS = rsa();

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("changeledger.security.jwt.issuer-uri", () -> ISSUER);
        registry.add("changeledger.security.jwt.audiences", () -> "changeledger");
        registry.add("changeledger.security.jwt.roles-claim", () -> "roles");
        registry.add("changeledger.security.jwt.public-key", () -> "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(ISSUER_KEYS.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----");
    }

    @LocalServerPort
    private int port;

    private RestClient api;

    @BeforeEach
    void connect() {
        api = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
    }

    private ResponseEntity<String> changes(String jwt) {
        return api.get().uri("/api/v1/changes").headers(headers -> headers.setBearerAuth(jwt)).retrieve()
                .toEntity(String.class);
    }

    @Test
    void acceptsAJwtOfTheIssuerForThisLedgerWithTheAuditorRole() {
        ResponseEntity<String> answer = changes(jwt(ISSUER_KEYS.getPrivate(), ISSUER, "changeledger",
                List.of("auditor"), Instant.now().plus(Duration.ofMinutes(5))));

        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
    }

    @Test
    void refusesAJwtOfAnotherIssuerWith401() {
        ResponseEntity<String> answer = changes(jwt(ISSUER_KEYS.getPrivate(), "https://evil.example.test",
                "changeledger", List.of("auditor"), Instant.now().plus(Duration.ofMinutes(5))));

        assertThat(answer.getStatusCode().value()).isEqualTo(401);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void refusesAJwtForAnotherAudienceWith401() {
        assertThat(changes(jwt(ISSUER_KEYS.getPrivate(), ISSUER, "another-app", List.of("auditor"),
                Instant.now().plus(Duration.ofMinutes(5)))).getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void refusesAJwtSignedByAnotherKeyWith401() {
        assertThat(changes(jwt(SOMEONE_ELSES_KEYS.getPrivate(), ISSUER, "changeledger", List.of("auditor"),
                Instant.now().plus(Duration.ofMinutes(5)))).getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void refusesAnExpiredJwtWith401() {
        assertThat(changes(jwt(ISSUER_KEYS.getPrivate(), ISSUER, "changeledger", List.of("auditor"),
                Instant.now().minus(Duration.ofMinutes(5)))).getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void refusesAJwtWhoseRolesClaimNamesNoRoleOfTheLedgerWith403() {
        ResponseEntity<String> answer = changes(jwt(ISSUER_KEYS.getPrivate(), ISSUER, "changeledger",
                List.of("offline_access"), Instant.now().plus(Duration.ofMinutes(5))));

        assertThat(answer.getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void stillAcceptsTheLedgersOwnApiTokensBesideJwts() {
        assertThat(changes(io.changeledger.query.TestCredentials.ADMIN_TOKEN).getStatusCode().value())
                .isEqualTo(200);
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
