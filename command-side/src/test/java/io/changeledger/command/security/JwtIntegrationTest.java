package io.changeledger.command.security;

import io.changeledger.command.HttpApiTest;
import io.changeledger.security.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bearer JWTs of an OAuth 2.0 / OIDC issuer on the command side: roles from the claim open what those roles may do,
 * except the ingest role, which a JWT may name but which takes a registered source (with its scope) to use.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JwtIntegrationTest extends HttpApiTest {

    private static final String FREEZE = """
            {"services":["checkout"],"environments":["production"],"window":{"start":"2026-12-20T00:00:00Z",
             "end":"2026-12-27T00:00:00Z"},"reason":"holidays","declaredBy":"carol"}""";

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        TestIssuer.configure(registry);
    }

    private ResponseEntity<String> as(String jwt, String path, String body) {
        return api.post().uri(path).contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> headers.setBearerAuth(jwt)).body(body).retrieve().toEntity(String.class);
    }

    @Test
    void letsAComplianceOfficersJwtDeclareAFreeze() {
        ResponseEntity<String> answer = as(TestIssuer.jwt("compliance"), "/api/v1/freezes", FREEZE);

        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(201);
    }

    @Test
    void refusesAnAuditorsJwtAFreezeWith403() {
        assertThat(as(TestIssuer.jwt("auditor"), "/api/v1/freezes", FREEZE).getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void refusesAJwtNamingTheIngestRoleTheCommandsOfSourcesWith403() {
        String deployment = """
                {"service":"checkout","environment":"production","version":"1.0.0","actor":"bot"}""";

        assertThat(as(TestIssuer.jwt("ingest"), "/api/v1/changes/deployments", deployment).getStatusCode().value())
                .isEqualTo(403);
        assertThat(as(TestIssuer.jwt("ingest"), "/api/v1/events", "[]").getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void letsAnAdminsJwtListTheTokens() {
        ResponseEntity<String> answer = api.get().uri("/api/v1/admin/tokens")
                .headers(headers -> headers.setBearerAuth(TestIssuer.jwt("admin"))).retrieve().toEntity(String.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void refusesJwtsOfAnotherIssuerAudienceOrKeyAndExpiredOnesWith401() {
        for (String jwt : new String[] {TestIssuer.jwtOfAnotherIssuer("compliance"),
                TestIssuer.jwtForAnotherAudience("compliance"), TestIssuer.forgedJwt("compliance"),
                TestIssuer.expiredJwt("compliance")}) {
            ResponseEntity<String> answer = as(jwt, "/api/v1/freezes", FREEZE);
            assertThat(answer.getStatusCode().value()).isEqualTo(401);
            assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }
}
