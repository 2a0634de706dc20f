package io.changeledger.query.security;

import io.changeledger.query.Infrastructure;
import io.changeledger.query.TestCredentials;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call each endpoint of the query side, for every endpoint the application maps: without credentials 401,
 * with a wrong role 403, with the right role let through. The endpoints come from the application's own handler
 * mapping, so a new endpoint without an entry here fails {@link #everyEndpointOfTheApplicationHasAnAccessRule()}.
 * A context of its own (the property below): the admin's call starts a real rebuild of the read models.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "changeledger.security.token-lifetime=1d")
@Import(Infrastructure.class)
class EndpointAccessMatrixIntegrationTest {

    enum Access { AUDITOR, ADMIN }

    private static final Map<String, Access> RULES = Map.ofEntries(
            entry("GET /api/v1/changes", Access.AUDITOR),
            entry("GET /api/v1/changes/{id}", Access.AUDITOR),
            entry("GET /api/v1/changes/{id}/incidents", Access.AUDITOR),
            entry("GET /api/v1/changes/{id}/access", Access.AUDITOR),
            entry("GET /api/v1/incidents", Access.AUDITOR),
            entry("GET /api/v1/incidents/{id}", Access.AUDITOR),
            entry("GET /api/v1/sources", Access.AUDITOR),
            entry("GET /api/v1/sources/gaps", Access.AUDITOR),
            entry("GET /api/v1/sources/{name}", Access.AUDITOR),
            entry("GET /api/v1/reports/change-management", Access.AUDITOR),
            entry("GET /api/v1/reports/logical-access", Access.AUDITOR),
            entry("GET /api/v1/reports/dora", Access.AUDITOR),
            entry("GET /api/v1/exports/changes", Access.AUDITOR),
            entry("GET /api/v1/exports/grants", Access.AUDITOR),
            entry("GET /api/v1/audit/populations/changes", Access.AUDITOR),
            entry("GET /api/v1/audit/populations/grants", Access.AUDITOR),
            entry("GET /api/v1/audit/samples/changes", Access.AUDITOR),
            entry("GET /api/v1/audit/samples/grants", Access.AUDITOR),
            entry("GET /api/v1/audit/evidence/changes/{changeId}", Access.AUDITOR),
            entry("GET /api/v1/audit/evidence/grants/{grantId}", Access.AUDITOR),
            entry("GET /api/v1/audit/activity", Access.AUDITOR),
            entry("GET /api/v1/access/matrix", Access.AUDITOR),
            entry("GET /api/v1/access/diff", Access.AUDITOR),
            entry("GET /api/v1/access/grants", Access.AUDITOR),
            entry("GET /api/v1/access/grants/{id}", Access.AUDITOR),
            entry("GET /api/v1/access/anomalies", Access.AUDITOR),
            entry("GET /api/v1/access/violations", Access.AUDITOR),
            entry("GET /api/v1/access/reviews", Access.AUDITOR),
            entry("GET /api/v1/access/reviews/{id}", Access.AUDITOR),
            entry("GET /api/v1/freezes", Access.AUDITOR),
            entry("GET /api/v1/freezes/{id}", Access.AUDITOR),
            entry("GET /api/v1/freezes/{id}/changes", Access.AUDITOR),
            entry("GET /api/v1/reviews/overdue", Access.AUDITOR),
            entry("GET /api/v1/violations", Access.AUDITOR),
            entry("GET /api/v1/ledger/checkpoints", Access.AUDITOR),
            entry("GET /api/v1/ledger/checkpoints/latest", Access.AUDITOR),
            entry("GET /api/v1/ledger/checkpoints/{treeSize}", Access.AUDITOR),
            entry("GET /api/v1/ledger/entries/{sequence}", Access.AUDITOR),
            entry("GET /api/v1/ledger/events/{eventId}", Access.AUDITOR),
            entry("GET /api/v1/ledger/proofs/inclusion", Access.AUDITOR),
            entry("GET /api/v1/ledger/proofs/consistency", Access.AUDITOR),
            entry("GET /api/v1/ledger/dump", Access.AUDITOR),
            entry("GET /api/v1/ledger/bundle", Access.AUDITOR),
            entry("GET /api/v1/ledger/keys", Access.AUDITOR),
            entry("GET /api/v1/ledger/tree", Access.AUDITOR),
            entry("GET /api/v1/admin/rebuild", Access.ADMIN),
            entry("POST /api/v1/admin/rebuild", Access.ADMIN),
            entry("POST /api/v1/admin/tokens", Access.ADMIN),
            entry("GET /api/v1/admin/tokens", Access.ADMIN),
            entry("GET /api/v1/admin/tokens/{id}", Access.ADMIN),
            entry("POST /api/v1/admin/tokens/{id}/revocation", Access.ADMIN));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Autowired
    private ApiTokens tokens;

    @LocalServerPort
    private int port;

    private RestClient anonymous;
    private String ingest;
    private String auditor;
    private String compliance;

    @BeforeEach
    void callers() {
        anonymous = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
        // the admin API issues no ingest tokens (sources get theirs on the command side); a JWT may carry the role
        ingest = tokens.issue("matrix-ingest", Role.INGEST, "test", Duration.ofHours(1)).secret();
        auditor = TestCredentials.issueToken(port, "matrix-auditor", "auditor");
        compliance = TestCredentials.issueToken(port, "matrix-compliance", "compliance");
    }

    /** "METHOD pattern" of every handler of this application (not Spring Boot's /error, nor springdoc's). */
    private List<String> endpoints() {
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

    @Test
    void everyEndpointOfTheApplicationHasAnAccessRule() {
        assertThat(new TreeSet<>(endpoints())).as("a new endpoint needs its rule here and in SecurityConfig")
                .isEqualTo(new TreeSet<>(RULES.keySet()));
    }

    @Test
    void showsHealthToAnyoneTheRestOfActuatorToAdminsAndTheApiDescriptionToAuditors() {
        assertThat(call(null, "GET", "/actuator/health").getStatusCode().value()).isEqualTo(200);
        assertThat(call(null, "GET", "/actuator/info").getStatusCode().value()).isEqualTo(401);
        assertThat(call(compliance, "GET", "/actuator/info").getStatusCode().value()).isEqualTo(403);
        assertThat(call(TestCredentials.ADMIN_TOKEN, "GET", "/actuator/info").getStatusCode().value())
                .isEqualTo(200);
        assertThat(call(null, "GET", "/v3/api-docs").getStatusCode().value()).isEqualTo(401);
        assertThat(call(ingest, "GET", "/v3/api-docs").getStatusCode().value()).isEqualTo(403);
        assertThat(call(auditor, "GET", "/v3/api-docs").getStatusCode().value()).isEqualTo(200);
    }

    @TestFactory
    Stream<DynamicTest> answersEachEndpointByTheCallersRole() {
        return new TreeMap<>(RULES).entrySet().stream().flatMap(rule -> {
            String method = rule.getKey().substring(0, rule.getKey().indexOf(' '));
            String path = concrete(rule.getKey().substring(method.length() + 1));
            List<DynamicTest> tests = new ArrayList<>();
            tests.add(DynamicTest.dynamicTest(rule.getKey() + " without credentials: 401", () -> {
                ResponseEntity<String> answer = call(null, method, path);
                assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(401);
                assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
                assertThat(answer.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
            }));
            switch (rule.getValue()) {
                case AUDITOR -> {
                    tests.add(denied(rule.getKey(), "a source", ingest, method, path));
                    tests.add(allowed(rule.getKey(), "an auditor", auditor, method, path));
                    tests.add(allowed(rule.getKey(), "a compliance officer", compliance, method, path));
                    tests.add(allowed(rule.getKey(), "an admin", TestCredentials.ADMIN_TOKEN, method, path));
                }
                case ADMIN -> {
                    tests.add(denied(rule.getKey(), "a source", ingest, method, path));
                    tests.add(denied(rule.getKey(), "an auditor", auditor, method, path));
                    tests.add(denied(rule.getKey(), "a compliance officer", compliance, method, path));
                    tests.add(allowed(rule.getKey(), "an admin", TestCredentials.ADMIN_TOKEN, method, path));
                }
            }
            return tests.stream();
        });
    }

    private DynamicTest denied(String endpoint, String who, String token, String method, String path) {
        return DynamicTest.dynamicTest(endpoint + " as " + who + ": 403", () -> {
            ResponseEntity<String> answer = call(token, method, path);
            assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(403);
            assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        });
    }

    /** Let through: what the endpoint then says of the request (400 without parameters, 404…) is not about who. */
    private DynamicTest allowed(String endpoint, String who, String token, String method, String path) {
        return DynamicTest.dynamicTest(endpoint + " as " + who + ": let through", () -> {
            ResponseEntity<String> answer = call(token, method, path);
            assertThat(answer.getStatusCode().value()).as(answer.getBody()).isNotIn(401, 403);
        });
    }

    private ResponseEntity<String> call(String token, String method, String path) {
        var request = anonymous.method(HttpMethod.valueOf(method)).uri(path).headers(headers -> {
            if (token != null) {
                headers.setBearerAuth(token);
            }
        });
        if (method.equals("POST")) {
            request = request.contentType(MediaType.APPLICATION_JSON).body("{}");
        }
        return request.retrieve().toEntity(String.class);
    }

    /** The pattern with its variables filled: numbers for tree sizes and sequences, else ids that exist nowhere. */
    private static String concrete(String pattern) {
        return pattern.replaceAll("\\{(treeSize|sequence)}", "1").replaceAll("\\{[^}]+}",
                UUID.randomUUID().toString());
    }
}
