package io.changeledger.query.incident;

import io.changeledger.events.change.ChangeDetails;
import io.changeledger.events.change.ChangeOutcome;
import io.changeledger.events.incident.IncidentResolved;
import io.changeledger.query.LedgerApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static io.changeledger.query.incident.IncidentProjectionIntegrationTest.at;
import static io.changeledger.query.incident.IncidentProjectionIntegrationTest.reported;
import static org.assertj.core.api.Assertions.assertThat;

class IncidentApiIntegrationTest extends LedgerApiIntegrationTest {

    @Test
    void filtersIncidentsByServiceEnvironmentStateAndReportTime() throws Exception {
        String service = "checkout-" + newId();
        String early = newId();
        String resolved = newId();
        String staging = newId();
        String late = newId();
        send(reported(early, service, "production", null, at("2037-01-01T10:00:00Z")));
        send(reported(resolved, service, "production", null, at("2037-01-02T10:00:00Z")));
        send(new IncidentResolved(resolved, "dave", "pagerduty", "scaled up", at("2037-01-02T10:20:00Z")));
        send(reported(staging, service, "staging", null, at("2037-01-03T10:00:00Z")));
        send(reported(late, service, "production", null, at("2037-01-04T10:00:00Z")));
        await("/api/v1/incidents/" + resolved, answer -> !answer.get("open").asBoolean());
        for (String id : List.of(early, staging, late)) {
            await("/api/v1/incidents/" + id, answer -> true);
        }

        assertThat(ids(ok("/api/v1/incidents?service=" + service))).as("the latest reported first")
                .containsExactly(late, staging, resolved, early);
        assertThat(ids(ok("/api/v1/incidents?service=" + service + "&environment=production")))
                .containsExactly(late, resolved, early);
        assertThat(ids(ok("/api/v1/incidents?service=" + service + "&open=true")))
                .containsExactly(late, staging, early);
        assertThat(ids(ok("/api/v1/incidents?service=" + service + "&open=false"))).containsExactly(resolved);
        assertThat(ids(ok("/api/v1/incidents?service=" + service
                + "&from=2037-01-02T10:00:00Z&to=2037-01-04T10:00:00Z")))
                .as("'from' inclusive, 'to' exclusive").containsExactly(staging, resolved);
        JsonNode page = ok("/api/v1/incidents?service=" + service + "&page=1&size=3");
        assertThat(ids(page)).containsExactly(early);
        assertThat(page.get("totalItems").asLong()).isEqualTo(4);
        assertThat(page.get("page").asInt()).isEqualTo(1);
    }

    @Test
    void listsTheIncidentsAChangeCaused() throws Exception {
        String service = "orders-" + newId();
        String change = newId();
        send(recorded(change, new ChangeDetails.Deployment("4.1.0", null), service, "production",
                ChangeOutcome.COMPLETED, false, at("2037-02-01T09:00:00Z")));
        String first = newId();
        String second = newId();
        String unrelated = newId();
        send(reported(first, service, "production", change, at("2037-02-01T09:30:00Z")));
        send(reported(second, service, "production", change, at("2037-02-01T11:00:00Z")));
        send(reported(unrelated, service, "production", null, at("2037-02-01T10:00:00Z")));
        awaitChange(change);
        for (String id : List.of(first, second, unrelated)) {
            await("/api/v1/incidents/" + id, answer -> true);
        }

        JsonNode incidents = ok("/api/v1/changes/" + change + "/incidents");

        assertThat(ids(incidents)).containsExactly(second, first);
        assertThat(texts(incidents.get("items"), "changeId")).containsOnly(change);
        assertThat(incidents.get("totalItems").asLong()).isEqualTo(2);
        assertThat(ids(ok("/api/v1/changes/" + change + "/incidents?page=1&size=1"))).containsExactly(first);
    }

    @Test
    void answersNoIncidentsForAChangeThatCausedNone() throws Exception {
        String change = newId();
        send(recorded(change, new ChangeDetails.Deployment("4.2.0", null), "orders-" + newId(), "production",
                ChangeOutcome.COMPLETED, false, at("2037-03-01T09:00:00Z")));
        awaitChange(change);

        JsonNode incidents = ok("/api/v1/changes/" + change + "/incidents");

        assertThat(incidents.get("items")).isEmpty();
        assertThat(incidents.get("totalItems").asLong()).isZero();
    }

    @Test
    void answersUnknownIncidentsAndChangesWithNotFound() throws Exception {
        String incident = newId();
        String unknownChange = newId();
        // an incident may name a change the ledger does not know; the change's list still does not exist
        String naming = newId();
        send(reported(naming, "orders-" + newId(), "production", unknownChange, at("2037-04-01T09:00:00Z")));
        await("/api/v1/incidents/" + naming, answer -> true);

        assertProblem("/api/v1/incidents/" + incident, HttpStatus.NOT_FOUND);
        assertThat(get("/api/v1/incidents/" + incident).getBody().get("title").asString())
                .isEqualTo("Incident not found");
        assertProblem("/api/v1/changes/" + unknownChange + "/incidents", HttpStatus.NOT_FOUND);
        assertThat(get("/api/v1/changes/" + unknownChange + "/incidents").getBody().get("title").asString())
                .isEqualTo("Change not found");
    }

    @Test
    void rejectsBadParametersWithAProblem() {
        for (String path : List.of(
                "/api/v1/incidents?open=perhaps",
                "/api/v1/incidents?from=2037-01-02T00:00:00Z&to=2037-01-01T00:00:00Z",
                "/api/v1/incidents?to=tomorrow",
                "/api/v1/incidents?size=501",
                "/api/v1/changes/some-id/incidents?page=-1")) {
            assertProblem(path, HttpStatus.BAD_REQUEST);
        }
    }
}
