package io.changeledger.query;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The credentials of the tests' HTTP clients, in one place: they call as the bootstrap admin (the token of
 * config/application.properties) unless a request sends an Authorization of its own.
 */
public final class TestCredentials {

    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";

    private TestCredentials() {
    }

    public static RestClient.Builder clientBuilder(int port) {
        return RestClient.builder().baseUrl("http://localhost:" + port).requestInterceptor((request, body, next) -> {
            if (!request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
                request.getHeaders().setBearerAuth(ADMIN_TOKEN);
            }
            return next.execute(request, body);
        });
    }

    public static RestClient client(int port) {
        return clientBuilder(port).build();
    }

    /** Issues an API token through the admin API; the name is who the token's holder is on the ledger. */
    public static String issueToken(int port, String name, String role) {
        JsonNode issued = client(port).post().uri("/api/v1/admin/tokens").contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"%s\",\"role\":\"%s\"}".formatted(name, role)).retrieve().body(JsonNode.class);
        return issued.get("token").asString();
    }
}
