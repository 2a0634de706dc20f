package io.changeledger.command.token;

import io.changeledger.command.HttpApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query side's API tokens as it sends them (the items token.issued, token.first-used and token.revoked, from a
 * source whose scope names them) become the token's events, once each, as tokens of the query side.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TokenIngestIntegrationTest extends HttpApiTest {

    private static final String TOKEN_TYPES = "\"scope\":{\"types\":[\"token.issued\",\"token.first-used\","
            + "\"token.revoked\"]}";

    private ResponseEntity<String> send(String source, String... items) {
        return api.post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> headers.setBearerAuth(source)).body("[" + String.join(",", items) + "]")
                .retrieve().toEntity(String.class);
    }

    private static JsonNode results(ResponseEntity<String> answer) {
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        return json(answer).get("results");
    }

    private static String issued(String tokenId) {
        return item("token.issued", tokenId, """
                {"tokenId":"%s","name":"ivan@audit-firm.example","role":"AUDITOR","issuedBy":"bootstrap-admin",
                 "issuedAt":"2026-11-26T10:00:00Z","expiresAt":"2027-02-24T10:00:00Z"}""".formatted(tokenId));
    }

    private static String firstUsed(String tokenId) {
        return item("token.first-used", tokenId, """
                {"tokenId":"%s","usedAt":"2026-11-26T10:05:00Z"}""".formatted(tokenId));
    }

    private static String revoked(String tokenId) {
        return item("token.revoked", tokenId, """
                {"tokenId":"%s","revokedBy":"bootstrap-admin","revokedAt":"2026-12-31T17:00:00Z"}"""
                .formatted(tokenId));
    }

    private static String item(String type, String tokenId, String data) {
        return """
                {"type":"%s","idempotencyKey":"%s/%s","data":%s}""".formatted(type, tokenId, type, data);
    }

    @Test
    void recordsTheLifeOfAQuerySideTokenOnceEach() {
        String source = registerSource(uniqueSourceName("query-side"), "API", TOKEN_TYPES);
        String tokenId = UUID.randomUUID().toString();

        JsonNode first = results(send(source, issued(tokenId), firstUsed(tokenId), revoked(tokenId)));
        // the query side's sender sends again whatever Kafka did not acknowledge
        JsonNode again = results(send(source, issued(tokenId), firstUsed(tokenId), revoked(tokenId)));

        assertThat(first).extracting(result -> result.get("status").asString())
                .containsExactly("RECORDED", "RECORDED", "RECORDED");
        assertThat(again).extracting(result -> result.get("status").asString())
                .containsExactly("DUPLICATE", "DUPLICATE", "DUPLICATE");
        assertThat(eventTypes(tokenId)).containsExactly("ApiTokenIssued", "ApiTokenFirstUsed", "ApiTokenRevoked");
        JsonNode onLedger = stored(tokenId, "ApiTokenIssued");
        assertThat(onLedger.get("api").asString()).isEqualTo("query-side");
        assertThat(onLedger.get("name").asString()).isEqualTo("ivan@audit-firm.example");
        assertThat(onLedger.get("role").asString()).isEqualTo("AUDITOR");
        assertThat(stored(tokenId, "ApiTokenFirstUsed").get("occurredAt").asString())
                .isEqualTo("2026-11-26T10:05:00Z");
    }

    @Test
    void refusesTokenItemsFromASourceWhoseScopeDoesNotNameThem() {
        String anyTool = registerSource(uniqueSourceName("any-tool"), "API", "");
        String tokenId = UUID.randomUUID().toString();

        JsonNode results = results(send(anyTool, issued(tokenId)));

        assertThat(results.get(0).get("rejection").asString()).isEqualTo("OUT_OF_SCOPE");
        assertThat(results.get(0).get("reason").asString()).contains("token.issued only if its scope names that type");
        assertThat(eventTypes(tokenId)).isEmpty();
    }

    @Test
    void letsTheQuerySideTellNothingOfTheCommandSidesTokens() {
        ResponseEntity<String> issued = post("/api/v1/admin/tokens", "{\"name\":\"carol\",\"role\":\"compliance\"}");
        String tokenId = json(issued).get("id").asString();
        String source = registerSource(uniqueSourceName("query-side"), "API", TOKEN_TYPES);

        JsonNode results = results(send(source, revoked(tokenId), firstUsed(UUID.randomUUID().toString())));

        assertThat(results.get(0).get("rejection").asString()).isEqualTo("INVALID");
        assertThat(results.get(0).get("reason").asString()).contains("is a token of the command-side");
        assertThat(results.get(1).get("rejection").asString()).as("a token never issued").isEqualTo("INVALID");
        assertThat(eventTypes(tokenId)).containsExactly("ApiTokenIssued");
    }
}
