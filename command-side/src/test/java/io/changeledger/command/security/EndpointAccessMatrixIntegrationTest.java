package io.changeledger.command.security;

import io.changeledger.command.HttpApiTest;
import io.changeledger.command.TestCredentials;
import io.changeledger.security.AccessMatrix;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

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
 * Who may call each endpoint of the command side, for every endpoint the application maps: without credentials
 * 401, with a wrong role 403, as a source outside its scope 403, with the right role let through. The endpoints
 * come from the application's own handler mapping, so a new endpoint without an entry here fails
 * {@link #everyEndpointOfTheApplicationHasAnAccessRule()}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EndpointAccessMatrixIntegrationTest extends HttpApiTest {

    /** Who may call an endpoint. */
    enum Access {
        /** a webhook: its sender's signature or token, checked by its controller */
        SIGNATURE,
        /** a registered source, whose scope each event is checked against */
        SCOPED_INGEST,
        /** a source whose scope allows everything (the command endpoints take whole commands), or an admin */
        UNSCOPED_INGEST,
        COMPLIANCE,
        ADMIN
    }

    private static final Map<String, Access> RULES = Map.ofEntries(
            entry("POST /api/v1/webhooks/github/{source}", Access.SIGNATURE),
            entry("POST /api/v1/webhooks/gitlab/{source}", Access.SIGNATURE),
            entry("POST /api/v1/webhooks/terraform/{source}", Access.SIGNATURE),
            entry("POST /api/v1/events", Access.SCOPED_INGEST),
            entry("POST /api/v1/cloudevents", Access.SCOPED_INGEST),
            entry("POST /api/v1/changes", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/changes/reports", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/changes/deployments", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/changes/{id}/approvals", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/changes/{id}/rejections", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/changes/{id}/start", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/changes/{id}/completion", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/changes/{id}/failure", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/changes/{id}/rollback", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/changes/{id}/evidence", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/changes/{id}/review", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/changes/{id}/violations/{violationId}/resolution", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/incidents", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/incidents/{id}/resolution", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/access/requests", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/access/break-glass", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/access/grants/{id}/approvals", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/access/grants/{id}/denial", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/access/grants/{id}/grant", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/access/grants/{id}/sessions", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/access/grants/{id}/revocation", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/access/grants/{id}/break-glass-review", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/access/standing", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/access/standing/removals", Access.UNSCOPED_INGEST),
            entry("POST /api/v1/access/reviews", Access.COMPLIANCE),
            entry("POST /api/v1/access/reviews/{id}/decisions", Access.COMPLIANCE),
            entry("POST /api/v1/freezes", Access.COMPLIANCE),
            entry("POST /api/v1/freezes/{id}/lift", Access.COMPLIANCE),
            entry("POST /api/v1/admin/sources", Access.ADMIN),
            entry("POST /api/v1/admin/sources/{name}/credentials", Access.ADMIN),
            entry("PUT /api/v1/admin/sources/{name}/scope", Access.ADMIN),
            entry("POST /api/v1/admin/sources/{name}/disable", Access.ADMIN),
            entry("POST /api/v1/admin/tokens", Access.ADMIN),
            entry("GET /api/v1/admin/tokens", Access.ADMIN),
            entry("GET /api/v1/admin/tokens/{id}", Access.ADMIN),
            entry("POST /api/v1/admin/tokens/{id}/revocation", Access.ADMIN));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @LocalServerPort
    private int port;

    private AccessMatrix matrix;
    private String auditor;
    private String compliance;
    private String unscopedSource;
    private String scopedSource;

    @BeforeEach
    void callers() {
        matrix = new AccessMatrix(port, mappings, EndpointAccessMatrixIntegrationTest::concrete);
        auditor = issue("matrix-auditor", "auditor");
        compliance = issue("matrix-compliance", "compliance");
        unscopedSource = registerSource(uniqueSourceName("matrix-all"), "API", "");
        scopedSource = registerSource(uniqueSourceName("matrix-scoped"), "API",
                "\"scope\":{\"systems\":[\"matrix-elsewhere\"]}");
    }

    private String issue(String name, String role) {
        ResponseEntity<String> issued = post("/api/v1/admin/tokens", """
                {"name":"%s","role":"%s"}""".formatted(name, role));
        assertThat(issued.getStatusCode().value()).as(issued.getBody()).isEqualTo(201);
        return json(issued).get("token").asString();
    }

    @Test
    void everyEndpointOfTheApplicationHasAnAccessRule() {
        assertThat(new TreeSet<>(matrix.endpoints())).as("a new endpoint needs its rule here and in SecurityConfig")
                .isEqualTo(new TreeSet<>(RULES.keySet()));
    }

    @Test
    void actuatorShowsHealthToAnyoneAndTheRestToAdminsOnly() {
        assertThat(matrix.call(null, "GET", "/actuator/health").getStatusCode().value()).isEqualTo(200);
        assertThat(matrix.call(null, "GET", "/actuator/info").getStatusCode().value()).isEqualTo(401);
        assertThat(matrix.call(compliance, "GET", "/actuator/info").getStatusCode().value()).isEqualTo(403);
        assertThat(matrix.call(TestCredentials.ADMIN_TOKEN, "GET", "/actuator/info").getStatusCode().value())
                .isEqualTo(200);
    }

    @TestFactory
    Stream<DynamicTest> answersEachEndpointByTheCallersRole() {
        return new TreeMap<>(RULES).entrySet().stream().flatMap(rule -> {
            String endpoint = rule.getKey();
            List<DynamicTest> tests = new ArrayList<>();
            tests.add(matrix.unauthenticated(endpoint));
            switch (rule.getValue()) {
                case SIGNATURE -> tests.add(DynamicTest.dynamicTest(endpoint
                        + " with an admin's bearer token but no signature: 401", () ->
                        assertThat(matrix.call(TestCredentials.ADMIN_TOKEN, endpoint).getStatusCode().value())
                                .isEqualTo(401)));
                case SCOPED_INGEST -> {
                    tests.add(matrix.denied(endpoint, "an auditor", auditor));
                    tests.add(matrix.denied(endpoint, "an admin, who is no source", TestCredentials.ADMIN_TOKEN));
                    tests.add(matrix.allowed(endpoint, "a source", unscopedSource));
                }
                case UNSCOPED_INGEST -> {
                    tests.add(matrix.denied(endpoint, "an auditor", auditor));
                    tests.add(matrix.denied(endpoint, "a compliance officer", compliance));
                    tests.add(matrix.denied(endpoint, "a source with a scope", scopedSource));
                    tests.add(matrix.allowed(endpoint, "a source with every scope", unscopedSource));
                    tests.add(matrix.allowed(endpoint, "an admin", TestCredentials.ADMIN_TOKEN));
                }
                case COMPLIANCE -> {
                    tests.add(matrix.denied(endpoint, "an auditor", auditor));
                    tests.add(matrix.denied(endpoint, "a source", unscopedSource));
                    tests.add(matrix.allowed(endpoint, "a compliance officer", compliance));
                    tests.add(matrix.allowed(endpoint, "an admin", TestCredentials.ADMIN_TOKEN));
                }
                case ADMIN -> {
                    tests.add(matrix.denied(endpoint, "a compliance officer", compliance));
                    tests.add(matrix.denied(endpoint, "a source", unscopedSource));
                    tests.add(matrix.allowed(endpoint, "an admin", TestCredentials.ADMIN_TOKEN));
                }
            }
            return tests.stream();
        });
    }

    @Test
    void refusesAnEventOfASourceOutsideItsScopeWith403() {
        String id = UUID.randomUUID().toString();
        ResponseEntity<String> answer = api.post().uri("/api/v1/cloudevents")
                .contentType(MediaType.parseMediaType("application/cloudevents+json"))
                .headers(headers -> headers.setBearerAuth(scopedSource)).body("""
                        {"specversion":"1.0","id":"%s","source":"/ci","type":"dev.cdevents.service.deployed.0.2.0",
                         "time":"2026-11-26T10:00:00Z","datacontenttype":"application/json","data":{"context":
                         {"version":"0.4.1","id":"%s","source":"/ci","type":"dev.cdevents.service.deployed.0.2.0",
                         "timestamp":"2026-11-26T10:00:00Z"},"subject":{"id":"not-in-scope","source":"/ci",
                         "type":"service","content":{"environment":{"id":"staging","source":"/ci"},
                         "artifactId":"pkg:generic/not-in-scope@1.0.0"}}}}""".formatted(id, id))
                .retrieve().toEntity(String.class);

        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(403);
    }

    /** The pattern with its variables filled: ids that exist nowhere, names no source has. */
    private static String concrete(String pattern) {
        return pattern.replaceAll("\\{(source|name)}", "matrix-nobody").replaceAll("\\{[^}]+}",
                UUID.randomUUID().toString());
    }
}
