package io.changeledger.query.security;

import io.changeledger.events.LedgerEvent;
import io.changeledger.events.access.AccessApproved;
import io.changeledger.events.access.AccessGranted;
import io.changeledger.events.access.AccessPolicy;
import io.changeledger.events.access.AccessRequested;
import io.changeledger.events.access.AccessReviewStarted;
import io.changeledger.events.access.ReviewedGrant;
import io.changeledger.events.change.ChangeDetails;
import io.changeledger.events.change.ChangeRequested;
import io.changeledger.events.change.ControlPolicy;
import io.changeledger.events.change.RiskLevel;
import io.changeledger.events.change.TimeWindow;
import io.changeledger.events.freeze.ChangeFreezeDeclared;
import io.changeledger.events.incident.IncidentReported;
import io.changeledger.events.source.SourceKind;
import io.changeledger.events.source.SourceRegistered;
import io.changeledger.events.source.SourceScope;
import io.changeledger.events.wire.CheckpointCodec;
import io.changeledger.events.wire.LedgerEnvelope;
import io.changeledger.events.wire.LedgerRecordCodec;
import io.changeledger.events.wire.LedgerTopics;
import io.changeledger.proof.Checkpoint;
import io.changeledger.proof.MemoryTree;
import io.changeledger.query.Infrastructure;
import io.changeledger.query.SignedLedger;
import io.changeledger.query.TestCredentials;
import io.changeledger.security.AccessMatrix;
import io.changeledger.security.AccessMatrix.Example;
import io.changeledger.security.ApiTokens;
import io.changeledger.security.Role;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.testcontainers.kafka.KafkaContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call each endpoint of the query side, for every endpoint the application maps: without credentials 401,
 * with a wrong role 403, with the right role a success. The endpoints come from the application's own handler
 * mapping, so a new endpoint without an entry here fails {@link #everyEndpointOfTheApplicationHasAnAccessRule()},
 * and one without an example request {@link #everyEndpointWithAnAccessRuleHasAnExampleThatSucceeds()}.
 * A context of its own (the property below): the admin's call starts a real rebuild of the read models, and the
 * examples grow the ledger of its own Kafka from sequence zero.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "changeledger.security.token-lifetime=1d")
@Import(Infrastructure.class)
class EndpointAccessMatrixIntegrationTest {

    enum Access { AUDITOR, ADMIN }

    private static final JsonMapper JSON = JsonMapper.builder().build();

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

    @Autowired
    private KafkaContainer kafka;

    @LocalServerPort
    private int port;

    private AccessMatrix matrix;
    private String ingest;
    private String auditor;
    private String compliance;
    private Ledger ledger;

    @BeforeEach
    void callers() {
        matrix = new AccessMatrix(port, mappings, EndpointAccessMatrixIntegrationTest::concrete, examples());
        // the admin API issues no ingest tokens (sources get theirs on the command side); a JWT may carry the role
        ingest = tokens.issue("matrix-ingest", Role.INGEST, "test", Duration.ofHours(1)).secret();
        auditor = TestCredentials.issueToken(port, "matrix-auditor", "auditor");
        compliance = TestCredentials.issueToken(port, "matrix-compliance", "compliance");
    }

    @Test
    void everyEndpointOfTheApplicationHasAnAccessRule() {
        matrix.assertEveryEndpointHasARule(RULES.keySet());
    }

    @Test
    void everyEndpointWithAnAccessRuleHasAnExampleThatSucceeds() {
        matrix.assertEveryRuleHasAnExample(RULES.keySet());
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

    /**
     * For each endpoint a request that succeeds. The ledger (see {@link Ledger}) is there before any of them, so
     * that the lists, reports and populations have something to show, and what a read asks for by its id is
     * visible in the read models first: a rebuild empties them for a while.
     */
    private Map<String, Supplier<Example>> examples() {
        Map<String, Supplier<Example>> examples = new TreeMap<>();
        requests().forEach((endpoint, example) -> examples.put(endpoint, () -> {
            ledger();
            return example.get();
        }));
        return examples;
    }

    private Map<String, Supplier<Example>> requests() {
        String from = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS).toString();
        String to = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS).toString();
        String period = "?from=" + from + "&to=" + to;
        Map<String, Supplier<Example>> requests = new HashMap<>(Map.ofEntries(
                entry("GET /api/v1/changes", () -> Example.of("/api/v1/changes")),
                entry("GET /api/v1/changes/{id}", () -> Example.of(
                        ledger().visible("/api/v1/changes/" + ledger.change))),
                entry("GET /api/v1/changes/{id}/incidents", () -> Example.of(
                        ledger().visible("/api/v1/changes/" + ledger.change) + "/incidents")),
                entry("GET /api/v1/changes/{id}/access", () -> Example.of(
                        ledger().visible("/api/v1/changes/" + ledger.change) + "/access")),
                entry("GET /api/v1/incidents", () -> Example.of("/api/v1/incidents")),
                entry("GET /api/v1/incidents/{id}", () -> Example.of(
                        ledger().visible("/api/v1/incidents/" + ledger.incident))),
                entry("GET /api/v1/sources", () -> Example.of("/api/v1/sources")),
                entry("GET /api/v1/sources/gaps", () -> Example.of("/api/v1/sources/gaps")),
                entry("GET /api/v1/sources/{name}", () -> Example.of(
                        ledger().visible("/api/v1/sources/" + ledger.source))),
                entry("GET /api/v1/reports/change-management", () -> Example.of(
                        "/api/v1/reports/change-management" + period)),
                entry("GET /api/v1/reports/logical-access", () -> Example.of(
                        "/api/v1/reports/logical-access" + period)),
                entry("GET /api/v1/reports/dora", () -> Example.of("/api/v1/reports/dora" + period)),
                // an export is the population as of the latest verified checkpoint
                entry("GET /api/v1/exports/changes", () -> Example.of(
                        ledger().proven("/api/v1/exports/changes" + period))),
                entry("GET /api/v1/exports/grants", () -> Example.of(
                        ledger().proven("/api/v1/exports/grants" + period))),
                entry("GET /api/v1/audit/populations/changes", () -> Example.of(
                        "/api/v1/audit/populations/changes" + period)),
                entry("GET /api/v1/audit/populations/grants", () -> Example.of(
                        "/api/v1/audit/populations/grants" + period)),
                entry("GET /api/v1/audit/samples/changes", () -> Example.of(
                        "/api/v1/audit/samples/changes" + period + "&size=5&seed=matrix")),
                entry("GET /api/v1/audit/samples/grants", () -> Example.of(
                        "/api/v1/audit/samples/grants" + period + "&size=5&seed=matrix")),
                entry("GET /api/v1/audit/evidence/changes/{changeId}", () -> Example.of(
                        ledger().proven("/api/v1/audit/evidence/changes/" + ledger.change))),
                entry("GET /api/v1/audit/evidence/grants/{grantId}", () -> Example.of(
                        ledger().proven("/api/v1/audit/evidence/grants/" + ledger.grant))),
                entry("GET /api/v1/audit/activity", () -> Example.of("/api/v1/audit/activity")),
                entry("GET /api/v1/audit/tokens", () -> Example.of("/api/v1/audit/tokens")),
                entry("GET /api/v1/access/matrix", () -> Example.of("/api/v1/access/matrix")),
                entry("GET /api/v1/access/diff", () -> Example.of("/api/v1/access/diff" + period)),
                entry("GET /api/v1/access/grants", () -> Example.of("/api/v1/access/grants")),
                entry("GET /api/v1/access/grants/{id}", () -> Example.of(
                        ledger().visible("/api/v1/access/grants/" + ledger.grant))),
                entry("GET /api/v1/access/anomalies", () -> Example.of("/api/v1/access/anomalies")),
                entry("GET /api/v1/access/violations", () -> Example.of("/api/v1/access/violations")),
                entry("GET /api/v1/access/reviews", () -> Example.of("/api/v1/access/reviews")),
                entry("GET /api/v1/access/reviews/{id}", () -> Example.of(
                        ledger().visible("/api/v1/access/reviews/" + ledger.review))),
                entry("GET /api/v1/freezes", () -> Example.of("/api/v1/freezes")),
                entry("GET /api/v1/freezes/{id}", () -> Example.of(
                        ledger().visible("/api/v1/freezes/" + ledger.freeze))),
                entry("GET /api/v1/freezes/{id}/changes", () -> Example.of(
                        ledger().visible("/api/v1/freezes/" + ledger.freeze) + "/changes")),
                entry("GET /api/v1/reviews/overdue", () -> Example.of("/api/v1/reviews/overdue")),
                entry("GET /api/v1/violations", () -> Example.of("/api/v1/violations")),
                entry("GET /api/v1/ledger/checkpoints", () -> Example.of("/api/v1/ledger/checkpoints")),
                entry("GET /api/v1/ledger/checkpoints/latest", () -> Example.of(
                        ledger().visible("/api/v1/ledger/checkpoints/latest"))),
                entry("GET /api/v1/ledger/checkpoints/{treeSize}", () -> Example.of(
                        "/api/v1/ledger/checkpoints/" + ledger().size())),
                entry("GET /api/v1/ledger/entries/{sequence}", () -> Example.of(
                        "/api/v1/ledger/entries/" + (ledger().size() - 1))),
                entry("GET /api/v1/ledger/events/{eventId}", () -> Example.of(
                        "/api/v1/ledger/events/" + ledger().firstEvent())),
                entry("GET /api/v1/ledger/proofs/inclusion", () -> Example.of(
                        "/api/v1/ledger/proofs/inclusion?eventId=" + ledger().firstEvent())),
                entry("GET /api/v1/ledger/proofs/consistency", () -> Example.of(
                        "/api/v1/ledger/proofs/consistency?from=1&to=" + ledger().size())),
                entry("GET /api/v1/ledger/dump", () -> Example.of("/api/v1/ledger/dump?treeSize=" + ledger().size())),
                entry("GET /api/v1/ledger/bundle", () -> Example.of(
                        "/api/v1/ledger/bundle?eventId=" + ledger().firstEvent())),
                entry("GET /api/v1/ledger/keys", () -> Example.of("/api/v1/ledger/keys")),
                entry("GET /api/v1/ledger/tree", () -> Example.of("/api/v1/ledger/tree")),
                entry("GET /api/v1/admin/rebuild", () -> Example.of("/api/v1/admin/rebuild")),
                // one rebuild at a time: a second one asked for while the first runs is refused
                entry("POST /api/v1/admin/rebuild", () -> Example.of(await("/api/v1/admin/rebuild",
                        progress -> !List.of("REQUESTED", "RUNNING").contains(progress.get("state").asString()))))));
        requests.putAll(AccessMatrix.tokenExamples(this::token));
        return requests;
    }

    private String token() {
        return tokens.issue("matrix-held", Role.AUDITOR, "test", Duration.ofHours(1)).token().id().toString();
    }

    private Ledger ledger() {
        if (ledger == null) {
            ledger = new Ledger();
        }
        return ledger;
    }

    /** Polls the path as the admin until it answers 200 with a body the condition accepts; then the path. */
    private String await(String path, Predicate<JsonNode> condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        ResponseEntity<String> last = null;
        while (Instant.now().isBefore(deadline)) {
            last = matrix.call(TestCredentials.ADMIN_TOKEN, "GET", path);
            if (last.getStatusCode().value() == 200 && condition.test(JSON.readTree(last.getBody()))) {
                return path;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError(path + " never answered as expected; last answer: " + last);
    }

    /**
     * The ledger as the command side publishes it, from sequence zero: a change, an incident it caused, a grant for
     * it, a freeze, an access review and a source, then a checkpoint signed over all of them, so that the reads of
     * entries, proofs, evidence and exports have a verified checkpoint to answer from.
     */
    private final class Ledger {

        private static final String EVENTS = "changeledger.events";
        private static final String CHECKPOINTS = "changeledger.checkpoints";

        final String change = UUID.randomUUID().toString();
        final String incident = UUID.randomUUID().toString();
        final String grant = UUID.randomUUID().toString();
        final String freeze = UUID.randomUUID().toString();
        final String review = UUID.randomUUID().toString();
        final String source = "matrix-source";
        private final MemoryTree tree = new MemoryTree();
        private final List<LedgerEnvelope> envelopes = new ArrayList<>();

        Ledger() {
            Instant at = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
            List<LedgerEvent> events = List.of(
                    new ChangeRequested(change, new ChangeDetails.Deployment("2.0.0", null), "matrix-checkout",
                            "production", "alice", "api", null, RiskLevel.MEDIUM, null, false,
                            new ControlPolicy(true, 1, true, false, Duration.ofHours(72)), List.of(), Map.of(), at),
                    new IncidentReported(incident, "PD-MATRIX", "matrix-checkout", "production", "checkout down",
                            "SEV2", null, change, "pagerduty-bot", "pagerduty", at),
                    new AccessRequested(grant, "alice", "matrix-db", null, "viewer", false, false, "OPS-42",
                            Duration.ofHours(4), change, null, "alice", "api",
                            new AccessPolicy(1, Duration.ofHours(8), Duration.ofHours(2), Duration.ofHours(72),
                                    Duration.ofDays(90)), at),
                    new AccessApproved(grant, "carol", "matches OPS-42", at),
                    new AccessGranted(grant, at, at.plus(Duration.ofHours(4)), "iam-bot", at),
                    new ChangeFreezeDeclared(freeze, new TreeSet<>(List.of("matrix-checkout")),
                            new TreeSet<>(List.of("production")), new TimeWindow(at, at.plus(Duration.ofDays(1))),
                            "year-end", "grace", at),
                    new AccessReviewStarted(review, "matrix-db", List.of(new ReviewedGrant(grant, "alice", "viewer",
                            false)), "erin", at.plus(Duration.ofDays(14)), "frank", at),
                    new SourceRegistered(source, SourceKind.API, SourceScope.ALL, 200, "the matrix's tool", "admin",
                            at));
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.getBootstrapServers()));
                 KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                         ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers(),
                         ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                         ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
                LedgerTopics.ensure(admin, new LedgerTopics.TopicSpec(CHECKPOINTS, 1, (short) 1, -1, 1));
                LedgerRecordCodec codec = new LedgerRecordCodec();
                for (LedgerEvent event : events) {
                    LedgerEnvelope envelope = LedgerEnvelope.wrap(UUID.randomUUID(), at.plusMillis(250),
                            envelopes.size() + 1, event);
                    ProducerRecord<String, byte[]> record = codec.toRecord(EVENTS, envelope, tree.size());
                    tree.append(codec.leafOf(record.headers()).hash());
                    envelopes.add(envelope);
                    producer.send(record).get();
                }
                Checkpoint checkpoint = SignedLedger.SIGNER.sign(tree.size(), tree.root(), Instant.now());
                producer.send(new CheckpointCodec().toRecord(CHECKPOINTS, checkpoint, SignedLedger.KEY.getPublic()))
                        .get();
            } catch (Exception e) {
                throw new IllegalStateException("the matrix's ledger was not published: " + e, e);
            }
            await("/api/v1/ledger/checkpoints/" + size(), view -> view.get("status").asString().equals("VERIFIED"));
        }

        long size() {
            return tree.size();
        }

        UUID firstEvent() {
            return envelopes.get(0).eventId();
        }

        String visible(String path) {
            return await(path, body -> true);
        }

        /** The path, once the read models hold the change and the grant with every event of theirs. */
        String proven(String path) {
            visible("/api/v1/changes/" + change);
            visible("/api/v1/access/grants/" + grant);
            return path;
        }
    }

    /** The pattern with its variables filled: numbers for tree sizes and sequences, else ids that exist nowhere. */
    private static String concrete(String pattern) {
        return pattern.replaceAll("\\{(treeSize|sequence)}", "1").replaceAll("\\{[^}]+}",
                UUID.randomUUID().toString());
    }
}
