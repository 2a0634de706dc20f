package io.changeledger.command.security;

import io.changeledger.command.HttpApiTest;
import io.changeledger.command.TestCredentials;
import io.changeledger.security.ApiTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** API tokens through the admin API, on a real PostgreSQL: shown once, kept hashed, refused once expired or revoked. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TokenIntegrationTest extends HttpApiTest {

    @LocalServerPort
    private int port;

    private static final String FREEZE = """
            {"services":["checkout"],"environments":["production"],"window":{"start":"2026-12-20T00:00:00Z",
             "end":"2026-12-27T00:00:00Z"},"reason":"holidays","declaredBy":"carol"}""";

    private ResponseEntity<String> as(String token, String path, String body) {
        return api.post().uri(path).contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> headers.setBearerAuth(token)).body(body).retrieve().toEntity(String.class);
    }

    private JsonNode issue(String name, String role, String validFor) {
        ResponseEntity<String> issued = post("/api/v1/admin/tokens", """
                {"name":"%s","role":"%s"%s}""".formatted(name, role,
                validFor == null ? "" : ",\"validFor\":\"" + validFor + "\""));
        assertThat(issued.getStatusCode().value()).as(issued.getBody()).isEqualTo(201);
        return json(issued);
    }

    @Test
    void issuesATokenThatWorksForItsRoleAndKeepsOnlyItsHash() {
        JsonNode issued = issue("carol-" + UUID.randomUUID(), "compliance", null);
        String secret = issued.get("token").asString();

        assertThat(as(secret, "/api/v1/freezes", FREEZE).getStatusCode().value()).isEqualTo(201);
        assertThat(jdbc.sql("select count(*) from api_token where token_hash = ?")
                .param(ApiTokens.hash(secret)).query(Long.class).single()).isOne();
        assertThat(jdbc.sql("select count(*) from api_token where token_hash = ?")
                .param(secret).query(Long.class).single()).isZero();
        ResponseEntity<String> listed = api.get().uri("/api/v1/admin/tokens/" + issued.get("id").asString())
                .retrieve().toEntity(String.class);
        assertThat(listed.getBody()).doesNotContain(secret).contains("\"firstUsedAt\"");
        assertThat(json(listed).get("firstUsedAt").isNull()).as("first use noted").isFalse();
    }

    @Test
    void putsIssuingFirstUseAndRevocationOfATokenOnTheLedgerOnceEach() {
        JsonNode issued = issue("ledgered-" + UUID.randomUUID(), "compliance", "P7D");
        String id = issued.get("id").asString();
        String secret = issued.get("token").asString();
        assertThat(eventTypes(id)).containsExactly("ApiTokenIssued");

        assertThat(as(secret, "/api/v1/freezes", FREEZE).getStatusCode().value()).isEqualTo(201);
        assertThat(as(secret, "/api/v1/freezes", FREEZE).getStatusCode().value()).isEqualTo(201);
        assertThat(eventTypes(id)).containsExactly("ApiTokenIssued", "ApiTokenFirstUsed");

        assertThat(post("/api/v1/admin/tokens/" + id + "/revocation", "{}").getStatusCode().value()).isEqualTo(200);
        assertThat(post("/api/v1/admin/tokens/" + id + "/revocation", "{}").getStatusCode().value()).isEqualTo(404);
        assertThat(eventTypes(id)).containsExactly("ApiTokenIssued", "ApiTokenFirstUsed", "ApiTokenRevoked");

        JsonNode onLedger = stored(id, "ApiTokenIssued");
        assertThat(onLedger.get("api").asString()).isEqualTo("command-side");
        assertThat(onLedger.get("role").asString()).isEqualTo("COMPLIANCE");
        assertThat(onLedger.get("issuedBy").asString()).isEqualTo("bootstrap-admin");
        assertThat(onLedger.get("expiresAt").asString()).isEqualTo(issued.get("expiresAt").asString());
        assertThat(onLedger.toString()).as("the secret stays with its holder").doesNotContain(secret,
                ApiTokens.hash(secret));
        assertThat(stored(id, "ApiTokenRevoked").get("revokedBy").asString()).isEqualTo("bootstrap-admin");
    }

    @Test
    void refusesARevokedTokenWith401() {
        JsonNode issued = issue("revoked-" + UUID.randomUUID(), "compliance", null);
        String secret = issued.get("token").asString();
        assertThat(as(secret, "/api/v1/freezes", FREEZE).getStatusCode().value()).isEqualTo(201);

        ResponseEntity<String> revoked = post("/api/v1/admin/tokens/" + issued.get("id").asString() + "/revocation",
                "{}");

        assertThat(revoked.getStatusCode().value()).isEqualTo(200);
        assertThat(json(revoked).get("revokedBy").asString()).isEqualTo("bootstrap-admin");
        ResponseEntity<String> refused = as(secret, "/api/v1/freezes", FREEZE);
        assertThat(refused.getStatusCode().value()).isEqualTo(401);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused.getHeaders().getFirst("WWW-Authenticate")).contains("invalid_token");
    }

    @Test
    void refusesAnExpiredTokenWith401() {
        JsonNode issued = issue("expired-" + UUID.randomUUID(), "compliance", "PT1H");
        String secret = issued.get("token").asString();
        jdbc.sql("update api_token set expires_at = now() - interval '1 second' where id = ?")
                .param(UUID.fromString(issued.get("id").asString())).update();

        assertThat(as(secret, "/api/v1/freezes", FREEZE).getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void issuesNoIngestTokensSourcesHaveTheirOwnCredentials() {
        assertThat(post("/api/v1/admin/tokens", "{\"name\":\"ci\",\"role\":\"ingest\"}").getStatusCode().value())
                .isEqualTo(400);
    }

    @Test
    void refusesAnOversizeCommandWith413BeforeReadingIt() {
        String oversize = "{\"reason\":\"" + "x".repeat(1024 * 1024) + "\"}";

        ResponseEntity<String> answer = as(TestCredentials.ADMIN_TOKEN, "/api/v1/freezes", oversize);

        assertThat(answer.getStatusCode().value()).isEqualTo(413);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void refusesAnOversizeCommandSentInChunksWithoutALengthWith413() throws Exception {
        String oversize = "{\"reason\":\"" + "x".repeat(1024 * 1024) + "\"}";

        HttpResponse<String> answer = chunked("/api/v1/freezes", oversize);

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type")).contains(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    }

    @Test
    void takesACommandSentInChunksWithinTheLimit() throws Exception {
        HttpResponse<String> answer = chunked("/api/v1/freezes", FREEZE);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    }

    /** A body of unknown length, as HTTP/1.1 chunks: no Content-Length to refuse it by. */
    private HttpResponse<String> chunked(String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .version(HttpClient.Version.HTTP_1_1)
                .header("Authorization", "Bearer " + TestCredentials.ADMIN_TOKEN)
                .header("Content-Type", MediaType.APPLICATION_JSON_VALUE)
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void refusesMalformedJsonDuplicateKeysAndUnknownFieldsWith400WithoutAStackTrace() {
        String malformed = "{\"services\":[\"checkout\"";
        String duplicate = FREEZE.replace("\"reason\":\"holidays\"", "\"reason\":\"holidays\",\"reason\":\"none\"");
        String unknown = FREEZE.replace("\"reason\":\"holidays\"", "\"reason\":\"holidays\",\"sneaky\":true");

        for (String body : new String[] {malformed, duplicate, unknown}) {
            ResponseEntity<String> answer = as(TestCredentials.ADMIN_TOKEN, "/api/v1/freezes", body);
            assertThat(answer.getStatusCode().value()).as(body).isEqualTo(400);
            assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(answer.getBody()).doesNotContain("at io.changeledger", "at org.springframework", "Exception");
        }
    }
}
