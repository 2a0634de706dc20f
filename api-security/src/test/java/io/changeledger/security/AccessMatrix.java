package io.changeledger.security;

import org.junit.jupiter.api.DynamicTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint access matrix of either side: its endpoints as the application maps them, and the checks of one
 * endpoint for one caller. An endpoint is "METHOD pattern"; it is called with its variables filled by
 * {@code concrete} and, where it takes a body, an empty JSON object.
 */
public final class AccessMatrix {

    private final RestClient client;
    private final RequestMappingHandlerMapping mappings;
    private final UnaryOperator<String> concrete;

    public AccessMatrix(int port, RequestMappingHandlerMapping mappings, UnaryOperator<String> concrete) {
        this.client = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
        this.mappings = mappings;
        this.concrete = concrete;
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
     * Let through to the endpoint, which then answers the request itself: a success, or its own problem answer
     * about what was sent (an empty body, an id that exists nowhere), never 401, 403 or a server error.
     */
    public DynamicTest allowed(String endpoint, String who, String token) {
        return DynamicTest.dynamicTest(endpoint + " as " + who + ": let through", () -> {
            ResponseEntity<String> answer = call(token, endpoint);
            int status = answer.getStatusCode().value();
            assertThat(status).as(answer.getBody()).isNotIn(401, 403).isLessThan(500);
            if (!answer.getStatusCode().is2xxSuccessful()) {
                assertThat(answer.getHeaders().getContentType()).as("the endpoint's own problem answer")
                        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            }
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
}
