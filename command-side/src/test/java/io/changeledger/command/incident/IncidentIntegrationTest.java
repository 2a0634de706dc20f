package io.changeledger.command.incident;

import io.changeledger.command.HttpApiTest;
import io.changeledger.command.Recorded;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Incidents through the HTTP API and the intake on a real PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IncidentIntegrationTest extends HttpApiTest {

    private static final Instant REPORTED = Instant.parse("2026-11-26T10:00:00Z");

    @Autowired
    private IncidentIntake intake;

    private String externalId;

    @BeforeEach
    void newIncident() {
        externalId = "PD-" + UUID.randomUUID();
    }

    private String report() {
        return """
                {"incidentId":"%s","service":"checkout","environment":"production","summary":"checkout answers 503",
                 "severity":"SEV-1","url":"https://pagerduty.example/incidents/1","changeId":"change-9",
                 "reportedBy":"pagerduty-bot","sourceSystem":"pagerduty","occurredAt":"%s"}"""
                .formatted(externalId, REPORTED);
    }

    private static JsonNode body(ResponseEntity<String> answer, int status) {
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(status);
        return JSON.readTree(answer.getBody());
    }

    private String reported() {
        return body(post("/api/v1/incidents", report()), 201).get("id").asString();
    }

    /** Where the query side shows the incident; the tests run with the default query base URL. */
    private static URI queryLocation(String id) {
        return URI.create("http://localhost:8081/api/v1/incidents/" + id);
    }

    private JsonNode lastEvent(String aggregateId) {
        return JSON.readTree(jdbc.sql("""
                        select convert_from(payload, 'UTF8') from command.domainevententry
                        where aggregateidentifier = ? order by sequencenumber desc limit 1""")
                .param(aggregateId).query(String.class).single());
    }

    @Test
    void reportsAnIncidentUnderAnIdDerivedFromItsSourceAndItsIdThere() {
        var answer = post("/api/v1/incidents", report());

        JsonNode body = body(answer, 201);
        String id = UUID.nameUUIDFromBytes(("pagerduty " + externalId).getBytes(StandardCharsets.UTF_8)).toString();
        assertThat(body.get("id").asString()).isEqualTo(id);
        assertThat(body.get("existing").asBoolean()).isFalse();
        assertThat(answer.getHeaders().getLocation()).isEqualTo(queryLocation(id));
        assertThat(eventTypes(id)).containsExactly("IncidentReported");
        JsonNode stored = lastEvent(id);
        assertThat(stored.get("externalId").asString()).isEqualTo(externalId);
        assertThat(stored.get("changeId").asString()).isEqualTo("change-9");
        assertThat(stored.get("occurredAt").asString()).isEqualTo(REPORTED.toString());
    }

    @Test
    void answersARepeatedReportWithTheIncidentAlreadyOnTheLedger() {
        String id = reported();

        var again = post("/api/v1/incidents", report());

        JsonNode body = body(again, 200);
        assertThat(body.get("id").asString()).isEqualTo(id);
        assertThat(body.get("existing").asBoolean()).isTrue();
        assertThat(again.getHeaders().getLocation()).isEqualTo(queryLocation(id));
        assertThat(eventTypes(id)).containsExactly("IncidentReported");
    }

    /** A tool's retry can overtake its first delivery; the aggregate's lock makes the later one find the first. */
    @Test
    void recordsAnIncidentReportedConcurrentlyOnce() throws Exception {
        int reports = 6;
        ExecutorService senders = Executors.newFixedThreadPool(reports);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ResponseEntity<String>>> answers = new ArrayList<>();
            for (int i = 0; i < reports; i++) {
                answers.add(senders.submit(() -> {
                    start.await();
                    return post("/api/v1/incidents", report());
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (Future<ResponseEntity<String>> answer : answers) {
                ResponseEntity<String> response = answer.get(30, TimeUnit.SECONDS);
                statuses.add(response.getStatusCode().value());
                ids.add(JSON.readTree(response.getBody()).get("id").asString());
            }

            assertThat(statuses).containsOnlyOnce(201).containsOnly(201, 200);
            assertThat(ids).singleElement()
                    .satisfies(id -> assertThat(eventTypes(id)).containsExactly("IncidentReported"));
        } finally {
            senders.shutdownNow();
        }
    }

    @Test
    void keepsTheSameIncidentIdOfTwoSourcesApart() {
        String fromPagerDuty = reported();

        String fromOpsgenie = body(post("/api/v1/incidents", report().replace("\"pagerduty\"", "\"opsgenie\"")), 201)
                .get("id").asString();

        assertThat(fromOpsgenie).isNotEqualTo(fromPagerDuty);
    }

    @Test
    void resolvesAnIncidentOnce() {
        String id = reported();
        String resolution = """
                {"resolvedBy":"alice","resolution":"rolled back change-9","occurredAt":"%s"}"""
                .formatted(REPORTED.plusSeconds(2520));

        JsonNode first = body(post("/api/v1/incidents/" + id + "/resolution", resolution), 200);
        JsonNode again = body(post("/api/v1/incidents/" + id + "/resolution", resolution), 200);

        assertThat(first.get("id").asString()).isEqualTo(id);
        assertThat(again.get("id").asString()).isEqualTo(id);
        assertThat(eventTypes(id)).containsExactly("IncidentReported", "IncidentResolved");
        JsonNode stored = lastEvent(id);
        assertThat(stored.get("resolvedBy").asString()).isEqualTo("alice");
        assertThat(stored.get("sourceSystem").asString()).isEqualTo("api");
        assertThat(stored.get("occurredAt").asString()).isEqualTo("2026-11-26T10:42:00Z");
    }

    @Test
    void refusesToResolveAnIncidentBeforeItWasReported() {
        String id = reported();

        var answer = post("/api/v1/incidents/" + id + "/resolution", """
                {"resolvedBy":"alice","occurredAt":"%s"}""".formatted(REPORTED.minusSeconds(60)));

        JsonNode problem = body(answer, 409);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(problem.get("title").asString()).isEqualTo("Incident rule violated");
        assertThat(problem.get("detail").asString()).contains("cannot have been resolved before");
        assertThat(eventTypes(id)).containsExactly("IncidentReported");
    }

    @Test
    void findsNoIncidentThatWasNeverReported() {
        String unknown = UUID.randomUUID().toString();

        var answer = post("/api/v1/incidents/" + unknown + "/resolution", "{\"resolvedBy\":\"alice\"}");

        JsonNode problem = body(answer, 404);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(problem.get("detail").asString()).isEqualTo("Nothing on the ledger has the id " + unknown);
        assertThat(eventTypes(unknown)).isEmpty();
    }

    @Test
    void namesEveryMissingFieldOfAReport() {
        long before = storedEvents();

        var answer = post("/api/v1/incidents", "{\"incidentId\":\"PD-1\",\"environment\":\"\"}");

        JsonNode problem = body(answer, 400);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(problem.get("detail").asString()).isEqualTo("Invalid fields: environment, reportedBy, service");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void refusesAResolutionWithAFieldItDoesNotKnow() {
        String id = reported();

        var answer = post("/api/v1/incidents/" + id + "/resolution",
                "{\"resolvedBy\":\"alice\",\"resolvedAt\":\"2026-11-26T11:00:00Z\"}");

        assertThat(body(answer, 400).get("detail").asString()).isEqualTo("Unknown field: resolvedAt");
        assertThat(eventTypes(id)).containsExactly("IncidentReported");
    }

    @Test
    void resolvesByTheIdOfTheToolThatReportedIt() {
        String id = reported();

        Recorded recorded = intake.resolve(new IncidentRequests.ResolveIncident(externalId, "alice",
                "restarted", "pagerduty", REPORTED.plusSeconds(60)));

        assertThat(recorded).isEqualTo(new Recorded(id, true));
        assertThat(eventTypes(id)).containsExactly("IncidentReported", "IncidentResolved");
        assertThat(lastEvent(id).get("sourceSystem").asString()).isEqualTo("pagerduty");
    }

    @Test
    void findsNothingToResolveForAnIncidentOfAnotherSource() {
        reported();

        assertThatThrownBy(() -> intake.resolve(new IncidentRequests.ResolveIncident(externalId, "alice", null,
                "opsgenie", REPORTED.plusSeconds(60))))
                .isInstanceOf(AggregateNotFoundException.class);
    }
}
