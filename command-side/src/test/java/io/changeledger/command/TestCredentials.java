package io.changeledger.command;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

/**
 * The credentials of the tests' HTTP clients, in one place: they call as the bootstrap admin (the token of
 * config/application.properties), except on the paths where a caller speaks as a source or a webhook, which
 * authenticate by the source's own token or signature, or deliberately by none.
 */
public final class TestCredentials {

    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";

    private TestCredentials() {
    }

    /** Adds the admin token to a request that carries no Authorization of its own and is not a source's. */
    public static ClientHttpRequestInterceptor asAdmin() {
        return (request, body, execution) -> {
            String path = request.getURI().getPath();
            boolean sourcesPath = path.equals("/api/v1/events") || path.equals("/api/v1/cloudevents")
                    || path.startsWith("/api/v1/webhooks/");
            if (!sourcesPath && !request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
                request.getHeaders().setBearerAuth(ADMIN_TOKEN);
            }
            return execution.execute(request, body);
        };
    }

    public static RestClient.Builder clientBuilder(int port) {
        return RestClient.builder().baseUrl("http://localhost:" + port).requestInterceptor(asAdmin());
    }

    public static RestClient client(int port) {
        return clientBuilder(port).build();
    }
}
