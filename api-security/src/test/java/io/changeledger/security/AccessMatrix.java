package io.changeledger.security;

import org.junit.jupiter.api.DynamicTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint access matrix of either side: its endpoints as the application maps them, and the checks of one
 * endpoint for one caller. An endpoint is "METHOD pattern". A caller who must be turned away is sent a cheap
 * request: the variables filled by {@code concrete} and, where it takes a body, an empty JSON object, as the
 * refusal must come before the endpoint looks at either. A caller who must be let through is sent the endpoint's
 * {@link Example}, a request it must answer with success, made afresh for each call.
 */
public final class AccessMatrix {

    private final RestClient client;
    private final RequestMappingHandlerMapping mappings;
    private final UnaryOperator<String> concrete;
    private final Map<String, Supplier<Example>> examples;

    public AccessMatrix(int port, RequestMappingHandlerMapping mappings, UnaryOperator<String> concrete,
                        Map<String, Supplier<Example>> examples) {
        this.client = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
        this.mappings = mappings;
        this.concrete = concrete;
        this.examples = examples;
    }

    /**
     * A request an endpoint answers with success: its path with the variables and query parameters filled, its
     * body if it takes one, and the headers beyond the caller's credentials (a webhook's signature).
     *
     * @param contentType null with no body
     */
    public record Example(String path, MediaType contentType, String body, Map<String, String> headers) {

        /** A request without a body. */
        public static Example of(String path) {
            return new Example(path, null, null, Map.of());
        }

        public static Example json(String path, String body) {
            return new Example(path, MediaType.APPLICATION_JSON, body, Map.of());
        }

        public Example as(MediaType type) {
            return new Example(path, type, body, headers);
        }

        public Example header(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Example(path, contentType, body, Map.copyOf(more));
        }
    }

    /**
     * Examples for the token endpoints both apps serve through {@link TokenController}.
     *
     * @param heldToken issues a token and gives its id, for the endpoints that act on one
     */
    public static Map<String, Supplier<Example>> tokenExamples(Supplier<String> heldToken) {
        return Map.of(
                "POST /api/v1/admin/tokens", () -> Example.json("/api/v1/admin/tokens",
                        "{\"name\":\"matrix-example\",\"role\":\"auditor\"}"),
                "GET /api/v1/admin/tokens", () -> Example.of("/api/v1/admin/tokens"),
                "GET /api/v1/admin/tokens/{id}", () -> Example.of("/api/v1/admin/tokens/" + heldToken.get()),
                "POST /api/v1/admin/tokens/{id}/revocation", () -> Example.of(
                        "/api/v1/admin/tokens/" + heldToken.get() + "/revocation"));
    }

    /** The endpoints the application maps are exactly those with a rule: a new endpoint fails until it has one. */
    public void assertEveryEndpointHasARule(Set<String> rules) {
        assertThat(new TreeSet<>(endpoints())).as("a new endpoint needs its rule here and in SecurityConfig")
                .isEqualTo(new TreeSet<>(rules));
    }

    /** Every endpoint with a rule has an example request for the callers it must let through. */
    public void assertEveryRuleHasAnExample(Set<String> rules) {
        assertThat(new TreeSet<>(examples.keySet())).as("a new endpoint needs an example request here")
                .isEqualTo(new TreeSet<>(rules));
    }

    /** Every handler of this application's own (not Spring Boot's /error, nor springdoc's). */
    public List<String> endpoints() {
        List<String> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            if (!mapping.getValue().getBeanType().getPackageName().startsWith("io.changeledger")) {
                continue;
            }
            RequestMappingInfo info = mapping.getKey();
            assertThat(info.getMethodsCondition().getMethods()).as("%s names its HTTP methods", info).isNotEmpty();
            info.getMethodsCondition().getMethods().forEach(method -> info.getPathPatternsCondition()
                    .getPatternValues().forEach(pattern -> endpoints.add(method.name() + " " + pattern)));
        }
        return endpoints;
    }

    public DynamicTest unauthenticated(String endpoint) {
        return DynamicTest.dynamicTest(endpoint + " without credentials: 401", () -> {
            ResponseEntity<String> answer = call(null, endpoint);
            assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(401);
            assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(answer.getHeaders().getFirst("WWW-Authenticate")).as("a way to authenticate").isNotBlank();
        });
    }

    public DynamicTest denied(String endpoint, String who, String token) {
        return DynamicTest.dynamicTest(endpoint + " as " + who + ": 403", () -> {
            ResponseEntity<String> answer = call(token, endpoint);
            assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(403);
            assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        });
    }

    /**
     * Let through and served: the endpoint's example request, sent as the holder of {@code token} (null: a webhook,
     * whose example carries its signature), is answered with success. Being let through only to be told that the
     * request was bad would not show that the caller may do what the endpoint is for.
     */
    public DynamicTest allowed(String endpoint, String who, String token) {
        return DynamicTest.dynamicTest(endpoint + " as " + who + ": success", () -> {
            Supplier<Example> example = examples.get(endpoint);
            assertThat(example).as("an example request of %s", endpoint).isNotNull();
            Example request = example.get();
            ResponseEntity<String> answer = call(token, endpoint.substring(0, endpoint.indexOf(' ')), request);
            assertThat(answer.getStatusCode().is2xxSuccessful())
                    .as("%s %s answered %s: %s", endpoint, request.path(), answer.getStatusCode(), answer.getBody())
                    .isTrue();
        });
    }

    /** Calls the endpoint, with its variables filled, as the holder of {@code token} (null: nobody). */
    public ResponseEntity<String> call(String token, String endpoint) {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        return call(token, method, concrete.apply(endpoint.substring(method.length() + 1)));
    }

    public ResponseEntity<String> call(String token, String method, String path) {
        var request = client.method(HttpMethod.valueOf(method)).uri(path).headers(headers -> {
            if (token != null) {
                headers.setBearerAuth(token);
            }
        });
        if (!method.equals("GET")) {
            request = request.contentType(MediaType.APPLICATION_JSON).body("{}");
        }
        return request.retrieve().toEntity(String.class);
    }

    /** Sends the example as the holder of {@code token} (null: nobody but what the example's headers say). */
    public ResponseEntity<String> call(String token, String method, Example example) {
        var request = client.method(HttpMethod.valueOf(method)).uri(example.path()).headers(headers -> {
            if (token != null) {
                headers.setBearerAuth(token);
            }
            example.headers().forEach(headers::set);
        });
        if (example.body() != null) {
            // as bytes, so that what is sent is exactly what a signature was made over
            request = request.contentType(example.contentType())
                    .body(example.body().getBytes(StandardCharsets.UTF_8));
        }
        return request.retrieve().toEntity(String.class);
    }
}
