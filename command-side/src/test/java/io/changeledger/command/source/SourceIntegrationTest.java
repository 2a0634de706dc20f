package io.changeledger.command.source;

import io.changeledger.command.HttpApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Registered sources on a real PostgreSQL: who may send, what, how much, and what never arrived. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "changeledger.ingest.max-items=5",
        "changeledger.sources.smallest-burst=5"})
class SourceIntegrationTest extends HttpApiTest {

    private String service;

    @BeforeEach
    void newService() {
        service = "svc-" + UUID.randomUUID();
    }

    private ResponseEntity<String> postBatch(String token, String body) {
        return api.post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    if (token != null) {
                        headers.setBearerAuth(token);
                    }
                }).body(body).retrieve().toEntity(String.class);
    }

    private String deployment(String key, String service, String version, Long sequence) {
        return """
                {"type":"deployment.recorded","idempotencyKey":"%s",%s"data":{"service":"%s",
                 "environment":"staging","version":"%s","actor":"deploy-bot"}}"""
                .formatted(key, sequence == null ? "" : "\"sequence\":" + sequence + ",", service, version)
                .replace("\n", "");
    }

    private JsonNode results(ResponseEntity<String> answer) {
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        return JSON.readTree(answer.getBody()).get("results");
    }

    @Test
    void refusesABatchWithoutAKnownTokenAndRecordsNothing() {
        long before = storedEvents();
        String batch = "[" + deployment("k-" + service, service, "1.0.0", null) + "]";

        ResponseEntity<String> anonymous = postBatch(null, batch);
        ResponseEntity<String> unknown = postBatch("clt_not-a-token-of-anyone", batch);

        for (ResponseEntity<String> answer : List.of(anonymous, unknown)) {
            assertThat(answer.getStatusCode().value()).isEqualTo(401);
            assertThat(answer.getHeaders().getContentType().toString()).startsWith("application/problem+json");
            assertThat(answer.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
        }
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void keepsOnlyTheHashOfTheTokenAndRecordsTheRegistrationOnTheLedger() {
        String name = uniqueSourceName("ci");
        String token = registerSource(name, "API", "\"description\":\"the CI of the payments team\"");

        String stored = jdbc.sql("select token_hash from command.ingest_source where name = ?").param(name)
                .query(String.class).single();
        assertThat(token).startsWith("clt_");
        assertThat(stored).doesNotContain(token).isEqualTo(SourceRegistry.hash(token));
        assertThat(eventTypes(name)).containsExactly("SourceRegistered");
        ResponseEntity<String> twice = post("/api/v1/admin/sources",
                "{\"name\":\"" + name + "\",\"kind\":\"API\",\"registeredBy\":\"admin\"}");
        assertThat(twice.getStatusCode().value()).isEqualTo(409);
    }

    @Test
    void rejectsTheItemsOutsideTheSourcesScopeAndRecordsTheOthers() {
        String name = uniqueSourceName("scoped");
        String token = registerSource(name, "API", """
                "scope":{"types":["deployment.*"],"systems":["%s"]}""".formatted(service));
        long before = storedEvents();

        JsonNode results = results(postBatch(token, "[" + String.join(",",
                deployment("s-1-" + service, service, "1.0.0", null),
                deployment("s-2-" + service, "someone-elses-service", "1.0.0", null),
                """
                        {"type":"access.requested","idempotencyKey":"s-3-%s","data":{"principal":"alice",
                         "system":"%s","role":"viewer","justification":"x","duration":"PT1H"}}"""
                        .formatted(service, service)) + "]"));

        assertThat(results.get(0).get("status").asString()).isEqualTo("RECORDED");
        assertThat(results.get(1).get("rejection").asString()).isEqualTo("OUT_OF_SCOPE");
        assertThat(results.get(1).get("reason").asString()).contains("may not report about 'someone-elses-service'");
        assertThat(results.get(2).get("rejection").asString()).isEqualTo("OUT_OF_SCOPE");
        assertThat(results.get(2).get("reason").asString()).contains("may not report access.requested");
        assertThat(storedEvents()).isEqualTo(before + 1);
    }

    @Test
    void defaultsTheSourceSystemOfAnItemToTheSourceThatSentIt() {
        String name = uniqueSourceName("argocd");
        String token = registerSource(name, "API", "");

        String id = results(postBatch(token, "[" + deployment("d-" + service, service, "1.0.0", null) + "]"))
                .get(0).get("id").asString();

        assertThat(stored(id, "ChangeRecorded").get("sourceSystem").asString()).isEqualTo(name);
    }

    @Test
    void refusesAnItemThatClaimsAnotherSource() {
        String token = registerSource(uniqueSourceName("honest"), "API", "");
        String item = deployment("c-" + service, service, "1.0.0", null).replace("{\"type\"",
                "{\"source\":\"somebody-else\",\"type\"");

        JsonNode results = results(postBatch(token, "[" + item + "]"));

        assertThat(results.get(0).get("reason").asString()).contains("must be the authenticated source");
    }

    @Test
    void answersAFloodWith429AndRetryAfterAndRecordsNothingOfIt() {
        String name = uniqueSourceName("flood");
        String token = registerSource(name, "API", "\"ratePerSecond\":1");
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            items.add(deployment("f-" + i + "-" + service, service, "1.0." + i, null));
        }
        assertThat(postBatch(token, "[" + String.join(",", items) + "]").getStatusCode().value()).isEqualTo(200);
        long before = storedEvents();

        // a second full batch: it needs the five seconds' refill that a loaded machine's slow first batch cannot
        // have earned, where a single event needs only one second's
        List<String> more = new ArrayList<>();
        for (int i = 5; i < 10; i++) {
            more.add(deployment("f-" + i + "-" + service, service, "1.0." + i, null));
        }
        ResponseEntity<String> flood = postBatch(token, "[" + String.join(",", more) + "]");

        assertThat(flood.getStatusCode().value()).isEqualTo(429);
        assertThat(flood.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(Long.parseLong(flood.getHeaders().getFirst("Retry-After"))).isPositive();
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void recordsAGapInTheSourcesSequenceOnTheLedger() {
        String name = uniqueSourceName("numbered");
        String token = registerSource(name, "API", "");

        results(postBatch(token, "[" + String.join(",",
                deployment("q-1-" + service, service, "1.0.1", 1L),
                deployment("q-2-" + service, service, "1.0.2", 2L),
                deployment("q-5-" + service, service, "1.0.5", 5L),
                deployment("q-3-" + service, service, "1.0.3", 3L)) + "]"));

        assertThat(eventTypes(name)).containsExactly("SourceRegistered", "SourceGapDetected");
        JsonNode gap = stored(name, "SourceGapDetected");
        assertThat(gap.get("expectedSequence").asLong()).isEqualTo(3);
        assertThat(gap.get("receivedSequence").asLong()).isEqualTo(5);
    }

    @Test
    void stopsAcceptingTheOldTokenOnceTheCredentialsAreRotated() {
        String name = uniqueSourceName("rotated");
        String old = registerSource(name, "API", "");

        ResponseEntity<String> rotated = post("/api/v1/admin/sources/" + name + "/credentials",
                "{\"rotatedBy\":\"admin\"}");
        String fresh = JSON.readTree(rotated.getBody()).get("credential").asString();

        String batch = "[" + deployment("r-" + service, service, "1.0.0", null) + "]";
        assertThat(postBatch(old, batch).getStatusCode().value()).isEqualTo(401);
        assertThat(postBatch(fresh, batch).getStatusCode().value()).isEqualTo(200);
        assertThat(eventTypes(name)).containsExactly("SourceRegistered", "SourceCredentialsRotated");
    }

    @Test
    void refusesEverythingFromADisabledSource() {
        String name = uniqueSourceName("retired");
        String token = registerSource(name, "API", "");

        assertThat(post("/api/v1/admin/sources/" + name + "/disable",
                "{\"disabledBy\":\"admin\",\"reason\":\"cluster decommissioned\"}").getStatusCode().value())
                .isEqualTo(200);

        assertThat(postBatch(token, "[" + deployment("x-" + service, service, "1.0.0", null) + "]")
                .getStatusCode().value()).isEqualTo(401);
        assertThat(post("/api/v1/admin/sources/" + name + "/credentials", "{\"rotatedBy\":\"admin\"}")
                .getStatusCode().value()).isEqualTo(409);
        assertThat(eventTypes(name)).containsExactly("SourceRegistered", "SourceDisabled");
    }

    @Test
    void refusesAWebhookSourceThatNeedsASecretWhenNoKeyIsConfigured() {
        ResponseEntity<String> answer = post("/api/v1/admin/sources", """
                {"name":"%s","kind":"GITHUB","registeredBy":"admin"}""".formatted(uniqueSourceName("gh")));

        assertThat(answer.getStatusCode().value()).isEqualTo(409);
        assertThat(answer.getBody()).contains("CHANGELEDGER_SECRETS_KEY");
    }

    @Test
    void refusesTheNameGapsWhichTheQueryApiKeepsForTheListOfGaps() {
        ResponseEntity<String> answer = post("/api/v1/admin/sources",
                "{\"name\":\"gaps\",\"kind\":\"API\",\"registeredBy\":\"admin\"}");

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody()).contains("not 'gaps'");
    }

    @Test
    void answersAnUnknownSourceWith404() {
        assertThat(post("/api/v1/admin/sources/nobody/disable", "{\"disabledBy\":\"admin\"}").getStatusCode()
                .value()).isEqualTo(404);
    }

    @Test
    void registersTheQuerySidesKafkaSourceAtStartUpForNothingButTheLedgersOwnAuditTrail() {
        assertThat(querySideRow()).containsExactly("KAFKA", QUERY_SIDE_TYPES, List.of());

        var registered = stored("changeledger-query-side", "SourceRegistered");
        assertThat(registered.get("kind").asString()).isEqualTo("KAFKA");
        List<String> types = new ArrayList<>();
        registered.get("scope").get("types").forEach(type -> types.add(type.asString()));
        assertThat(types).containsExactlyInAnyOrderElementsOf(QUERY_SIDE_TYPES);
    }

    @Test
    void widensTheScopeOfAQuerySideSourceRegisteredBeforeTheTokensWentOnTheLedgerOnce() {
        jdbc.sql("update ingest_source set scope_types = ? where name = ?")
                .params(new String[] {"auditor.query"}, "changeledger-query-side").update();
        int before = eventTypes("changeledger-query-side").size();

        querySideSource.run(null);
        querySideSource.run(null);

        assertThat(querySideRow()).containsExactly("KAFKA", QUERY_SIDE_TYPES, List.of());
        List<String> events = eventTypes("changeledger-query-side");
        assertThat(events).hasSize(before + 1).last().isEqualTo("SourceScopeChanged");
    }

    private static final List<String> QUERY_SIDE_TYPES = List.of("auditor.query", "token.first-used",
            "token.issued", "token.revoked");

    @Autowired
    private QuerySideSource querySideSource;

    private List<Object> querySideRow() {
        return jdbc.sql("select kind, scope_types, scope_systems from ingest_source where name = ?")
                .param("changeledger-query-side")
                .query((rs, n) -> List.<Object>of(rs.getString(1),
                        List.of((String[]) rs.getArray(2).getArray()).stream().sorted().toList(),
                        List.of((String[]) rs.getArray(3).getArray())))
                .single();
    }
}
