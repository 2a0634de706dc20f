package io.changeledger.query.security;

import io.changeledger.query.Infrastructure;
import io.changeledger.query.TestCredentials;
import io.changeledger.security.AccessMatrix;
import io.changeledger.security.ApiTokens;
import io.changeledger.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
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
            entry("GET /api/v1/audit/tokens", Access.AUDITOR),
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

    private AccessMatrix matrix;
    private String ingest;
    private String auditor;
    private String compliance;

    @BeforeEach
    void callers() {
        matrix = new AccessMatrix(port, mappings, EndpointAccessMatrixIntegrationTest::concrete);
        // the admin API issues no ingest tokens (sources get theirs on the command side); a JWT may carry the role
        ingest = tokens.issue("matrix-ingest", Role.INGEST, "test", Duration.ofHours(1)).secret();
        auditor = TestCredentials.issueToken(port, "matrix-auditor", "auditor");
        compliance = TestCredentials.issueToken(port, "matrix-compliance", "compliance");
    }

    @Test
    void everyEndpointOfTheApplicationHasAnAccessRule() {
        assertThat(new TreeSet<>(matrix.endpoints())).as("a new endpoint needs its rule here and in SecurityConfig")
                .isEqualTo(new TreeSet<>(RULES.keySet()));
    }

    @Test
    void showsHealthToAnyoneTheRestOfActuatorToAdminsAndTheApiDescriptionToAuditors() {
        assertThat(matrix.call(null, "GET", "/actuator/health").getStatusCode().value()).isEqualTo(200);
        assertThat(matrix.call(null, "GET", "/actuator/info").getStatusCode().value()).isEqualTo(401);
        assertThat(matrix.call(compliance, "GET", "/actuator/info").getStatusCode().value()).isEqualTo(403);
        assertThat(matrix.call(TestCredentials.ADMIN_TOKEN, "GET", "/actuator/info").getStatusCode().value())
                .isEqualTo(200);
        assertThat(matrix.call(null, "GET", "/v3/api-docs").getStatusCode().value()).isEqualTo(401);
        assertThat(matrix.call(ingest, "GET", "/v3/api-docs").getStatusCode().value()).isEqualTo(403);
        assertThat(matrix.call(auditor, "GET", "/v3/api-docs").getStatusCode().value()).isEqualTo(200);
    }

    @TestFactory
    Stream<DynamicTest> answersEachEndpointByTheCallersRole() {
        return new TreeMap<>(RULES).entrySet().stream().flatMap(rule -> {
            String endpoint = rule.getKey();
            List<DynamicTest> tests = new ArrayList<>();
            tests.add(matrix.unauthenticated(endpoint));
            switch (rule.getValue()) {
                case AUDITOR -> {
                    tests.add(matrix.denied(endpoint, "a source", ingest));
                    tests.add(matrix.allowed(endpoint, "an auditor", auditor));
                    tests.add(matrix.allowed(endpoint, "a compliance officer", compliance));
                    tests.add(matrix.allowed(endpoint, "an admin", TestCredentials.ADMIN_TOKEN));
                }
                case ADMIN -> {
                    tests.add(matrix.denied(endpoint, "a source", ingest));
                    tests.add(matrix.denied(endpoint, "an auditor", auditor));
                    tests.add(matrix.denied(endpoint, "a compliance officer", compliance));
                    tests.add(matrix.allowed(endpoint, "an admin", TestCredentials.ADMIN_TOKEN));
                }
            }
            return tests.stream();
        });
    }

    /** The pattern with its variables filled: numbers for tree sizes and sequences, else ids that exist nowhere. */
    private static String concrete(String pattern) {
        return pattern.replaceAll("\\{(treeSize|sequence)}", "1").replaceAll("\\{[^}]+}",
                UUID.randomUUID().toString());
    }
}
