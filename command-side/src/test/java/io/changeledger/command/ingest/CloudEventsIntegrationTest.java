package io.changeledger.command.ingest;

import io.changeledger.command.HttpApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** CloudEvents over HTTP on a real PostgreSQL: CDEvents from a delivery tool become ledger changes, exactly once. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CloudEventsIntegrationTest extends HttpApiTest {

    private String service;
    private String token;

    @BeforeEach
    void newServiceAndSource() {
        service = "svc-" + UUID.randomUUID();
        token = registerSource(uniqueSourceName("argocd"), "API", "");
    }

    private ResponseEntity<String> send(String token, String contentType, Map<String, String> headers, String body) {
        return api.post().uri("/api/v1/cloudevents").contentType(MediaType.parseMediaType(contentType))
                .headers(sent -> {
                    if (token != null) {
                        sent.setBearerAuth(token);
                    }
                    headers.forEach(sent::set);
                }).body(body).retrieve().toEntity(String.class);
    }

    /** A CDEvents v0.4.1 service.deployed event, as Argo CD's or Keptn's CDEvents notifications send it. */
    private String deployed(String contextId, String version) {
        return """
                {"context":{"version":"0.4.1","id":"%s","source":"/argocd/prod","type":
                 "dev.cdevents.service.deployed.0.2.0","timestamp":"2026-11-26T10:00:00Z"},
                 "subject":{"id":"%s","source":"/argocd/prod","type":"service","content":{"environment":
                 {"id":"staging","source":"/argocd/prod"},"artifactId":"pkg:generic/%s@%s"}}}"""
                .formatted(contextId, service, service, version);
    }

    private String structured(String id, String type, String data) {
        return """
                {"specversion":"1.0","id":"%s","source":"/argocd/prod","type":"%s","time":"2026-11-26T10:00:00Z",
                 "datacontenttype":"application/json","data":%s}""".formatted(id, type, data);
    }

    @Test
    void recordsAServiceDeployedCdEventOnceHoweverOftenItIsSent() {
        String id = UUID.randomUUID().toString();
        String event = structured(id, "dev.cdevents.service.deployed.0.2.0", deployed(id, "4.2.0"));

        ResponseEntity<String> first = send(token, "application/cloudevents+json", Map.of(), event);
        ResponseEntity<String> again = send(token, "application/cloudevents+json", Map.of(), event);

        assertThat(first.getStatusCode().value()).as(first.getBody()).isEqualTo(201);
        String changeId = JSON.readTree(first.getBody()).get("id").asString();
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(JSON.readTree(again.getBody()).get("status").asString()).isEqualTo("DUPLICATE");
        assertThat(JSON.readTree(again.getBody()).get("id").asString()).isEqualTo(changeId);
        assertThat(eventTypes(changeId)).containsExactly("ChangeRecorded");
        JsonNode recorded = stored(changeId, "ChangeRecorded");
        assertThat(recorded.get("service").asString()).isEqualTo(service);
        assertThat(recorded.get("details").get("version").asString()).isEqualTo("4.2.0");
        assertThat(recorded.get("outcome").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void takesTheBinaryContentModeWithItsAttributesInHeaders() {
        String id = UUID.randomUUID().toString();

        ResponseEntity<String> answer = send(token, "application/json", Map.of("ce-specversion", "1.0",
                "ce-id", id, "ce-source", "%2Fargocd%2Fprod", "ce-type", "dev.cdevents.service.deployed.0.2.0"),
                deployed(id, "4.3.0"));

        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(201);
    }

    @Test
    void answersEachEventOfABatchAndRecordsTheGoodOnes() {
        String good = UUID.randomUUID().toString();
        String batch = "[" + structured(good, "dev.cdevents.service.deployed.0.2.0", deployed(good, "5.0.0"))
                + "," + structured(UUID.randomUUID().toString(), "dev.cdevents.environment.created.0.2.0", "{}")
                + "," + "{\"specversion\":\"1.0\",\"id\":\"x\"}" + "]";

        ResponseEntity<String> answer = send(token, "application/cloudevents-batch+json", Map.of(), batch);

        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        JsonNode results = JSON.readTree(answer.getBody()).get("results");
        assertThat(results.get(0).get("status").asString()).isEqualTo("RECORDED");
        assertThat(results.get(1).get("reason").asString()).contains("is not mapped");
        assertThat(results.get(2).get("status").asString()).isEqualTo("REJECTED");
    }

    @Test
    void landsOnTheChangeAnotherToolReportedForTheSameDeployment() {
        String reported = JSON.readTree(post("/api/v1/changes/reports", """
                {"details":{"kind":"DEPLOYMENT","version":"6.1.0"},"service":"%s","environment":"staging",
                 "actor":"github-actions","sourceSystem":"github","outcome":"COMPLETED"}""".formatted(service))
                .getBody()).get("id").asString();
        String id = UUID.randomUUID().toString();

        ResponseEntity<String> answer = send(token, "application/cloudevents+json", Map.of(),
                structured(id, "dev.cdevents.service.deployed.0.2.0", deployed(id, "6.1.0")));

        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        assertThat(JSON.readTree(answer.getBody()).get("id").asString()).isEqualTo(reported);
        assertThat(JSON.readTree(answer.getBody()).get("existing").asBoolean()).isTrue();
    }

    @Test
    void answersEachKindOfBadInputWithItsProblemAndRecordsNothing() {
        String id = UUID.randomUUID().toString();
        String good = structured(id, "dev.cdevents.service.deployed.0.2.0", deployed(id, "7.0.0"));
        String scoped = registerSource(uniqueSourceName("scoped"), "API",
                "\"scope\":{\"systems\":[\"some-other-service\"]}");
        long before = storedEvents();

        assertThat(send(null, "application/cloudevents+json", Map.of(), good).getStatusCode().value())
                .isEqualTo(401);
        assertThat(send(scoped, "application/cloudevents+json", Map.of(), good).getStatusCode().value())
                .isEqualTo(403);
        ResponseEntity<String> malformed = send(token, "application/cloudevents+json", Map.of(),
                "{\"specversion\":\"0.3\",\"id\":\"1\",\"source\":\"/x\",\"type\":\"t\"}");
        assertThat(malformed.getStatusCode().value()).isEqualTo(400);
        assertThat(malformed.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(send(token, "application/cloudevents+json", Map.of(), structured(id,
                "dev.cdevents.environment.created.0.2.0", "{}")).getStatusCode().value()).isEqualTo(400);
        assertThat(send(token, "application/cloudevents+json", Map.of(), structured(id,
                "io.changeledger.deployment.recorded", "{\"service\":\"x\"}")).getStatusCode().value())
                .isEqualTo(422);
        assertThat(storedEvents()).isEqualTo(before);
    }
}
