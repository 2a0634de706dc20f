package io.changeledger.query;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QueryApiProblemsIntegrationTest extends LedgerApiIntegrationTest {

    @Test
    void rejectsBadParametersOfEveryEndpointWithAProblem() {
        for (String path : List.of(
                "/api/v1/changes?kind=REBOOT",
                "/api/v1/changes?status=DONE",
                "/api/v1/changes?control=NOPE",
                "/api/v1/changes?emergency=maybe",
                "/api/v1/changes?knownAt=yesterday",
                "/api/v1/changes?from=2026-11-01T00:00:00Z&to=2026-11-01T00:00:00Z",
                "/api/v1/changes/some-id?knownAt=soon",
                "/api/v1/violations?open=perhaps",
                "/api/v1/violations?control=NOPE",
                "/api/v1/violations?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z",
                "/api/v1/violations?size=0",
                "/api/v1/reviews/overdue?size=501",
                "/api/v1/freezes?activeAt=now",
                "/api/v1/freezes/some-id/changes?page=-1",
                "/api/v1/access/matrix?at=yesterday",
                "/api/v1/access/matrix?knownAt=soon",
                "/api/v1/access/matrix?breakGlass=maybe",
                "/api/v1/access/matrix?size=501",
                "/api/v1/access/diff?from=2026-11-01T00:00:00Z",
                "/api/v1/access/diff?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z",
                "/api/v1/access/grants?status=GONE",
                "/api/v1/access/grants?standing=perhaps",
                "/api/v1/access/anomalies?type=NOPE",
                "/api/v1/access/anomalies?days=0",
                "/api/v1/access/violations?control=NOPE",
                "/api/v1/access/violations?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z",
                "/api/v1/access/reviews?page=-1")) {
            assertProblem(path, HttpStatus.BAD_REQUEST);
        }
    }

    @Test
    void namesTheParameterWithAnUnknownValue() {
        ResponseEntity<JsonNode> kind = get("/api/v1/changes?kind=REBOOT");
        assertThat(kind.getBody().get("parameter").asString()).isEqualTo("kind");
        assertThat(kind.getBody().get("detail").asString()).contains("'REBOOT'", "DEPLOYMENT", "REGULATORY_CHANGE");

        ResponseEntity<JsonNode> control = get("/api/v1/changes?control=NOPE");
        assertThat(control.getBody().get("parameter").asString()).isEqualTo("control");
        assertThat(control.getBody().get("detail").asString()).contains("any", "CHANGE_FREEZE");

        ResponseEntity<JsonNode> anomaly = get("/api/v1/access/anomalies?type=NOPE");
        assertThat(anomaly.getBody().get("parameter").asString()).isEqualTo("type");
        assertThat(anomaly.getBody().get("detail").asString()).contains("SESSION_PAST_EXPIRY");
    }

    @Test
    void answersUnknownIdsWithNotFound() {
        String id = newId();
        for (String path : List.of("/api/v1/changes/" + id, "/api/v1/freezes/" + id,
                "/api/v1/freezes/" + id + "/changes", "/api/v1/access/grants/" + id, "/api/v1/access/reviews/" + id,
                "/api/v1/changes/" + id + "/access")) {
            assertProblem(path, HttpStatus.NOT_FOUND);
        }
        assertThat(get("/api/v1/freezes/" + id).getBody().get("title").asString()).isEqualTo("Freeze not found");
        assertThat(get("/api/v1/access/grants/" + id).getBody().get("title").asString())
                .isEqualTo("Grant not found");
    }

    @Test
    void refusesAnOversizeBodyWith413BeforeReadingIt() {
        ResponseEntity<String> answer = api.post().uri("/api/v1/admin/tokens").contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"" + "x".repeat(1024 * 1024) + "\",\"role\":\"auditor\"}").retrieve()
                .toEntity(String.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(413);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
