package io.changeledger.query.security;

import io.changeledger.query.Infrastructure;
import io.changeledger.query.TestCredentials;
import io.changeledger.security.TestIssuer;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bearer JWTs of an OAuth 2.0 / OIDC issuer, checked by Spring Security's resource server against the issuer's key
 * (a key pair made here stands in for the issuer's), its name and this ledger's audience; roles from a claim.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(Infrastructure.class)
class JwtIntegrationTest {

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        TestIssuer.configure(registry);
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
        ResponseEntity<String> answer = changes(TestIssuer.jwt("auditor"));

        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
    }

    @Test
    void refusesAJwtOfAnotherIssuerWith401() {
        ResponseEntity<String> answer = changes(TestIssuer.jwtOfAnotherIssuer("auditor"));

        assertThat(answer.getStatusCode().value()).isEqualTo(401);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void refusesAJwtForAnotherAudienceWith401() {
        assertThat(changes(TestIssuer.jwtForAnotherAudience("auditor")).getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void refusesAJwtSignedByAnotherKeyWith401() {
        assertThat(changes(TestIssuer.forgedJwt("auditor")).getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void refusesAnExpiredJwtWith401() {
        assertThat(changes(TestIssuer.expiredJwt("auditor")).getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void refusesAJwtWhoseRolesClaimNamesNoRoleOfTheLedgerWith403() {
        ResponseEntity<String> answer = changes(TestIssuer.jwt("offline_access"));

        assertThat(answer.getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void stillAcceptsTheLedgersOwnApiTokensBesideJwts() {
        assertThat(changes(TestCredentials.ADMIN_TOKEN).getStatusCode().value()).isEqualTo(200);
    }
}
