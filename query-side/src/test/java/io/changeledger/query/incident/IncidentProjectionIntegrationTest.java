package io.changeledger.query.incident;

import io.changeledger.events.incident.IncidentReported;
import io.changeledger.events.incident.IncidentResolved;
import io.changeledger.query.LedgerApiIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;

import static io.changeledger.events.SampleEvents.INCIDENT_ID;
import static org.assertj.core.api.Assertions.assertThat;

class IncidentProjectionIntegrationTest extends LedgerApiIntegrationTest {

    @Test
    void projectsAReportedIncidentAndItsResolutionWithTheTimeToRestore() throws Exception {
        String id = newId();
        sendSample("IncidentReported-1", INCIDENT_ID, id);
        sendSample("IncidentResolved-1", INCIDENT_ID, id);

        JsonNode incident = await("/api/v1/incidents/" + id, answer -> !answer.get("open").asBoolean());

        assertThat(incident.get("id").asString()).isEqualTo(id);
        assertThat(incident.get("externalId").asString()).isEqualTo("PD-Q1W2E3");
        assertThat(incident.get("service").asString()).isEqualTo("checkout");
        assertThat(incident.get("environment").asString()).isEqualTo("production");
        assertThat(incident.get("summary").asString()).isEqualTo("checkout error rate above 5%");
        assertThat(incident.get("severity").asString()).isEqualTo("SEV2");
        assertThat(incident.get("url").asString()).isEqualTo("https://acme.pagerduty.com/incidents/Q1W2E3");
        assertThat(incident.get("changeId").asString()).isEqualTo("5b0f3c1e-8f0a-4c39-9d57-0d3c9a6f2b11");
        assertThat(incident.get("reportedBy").asString()).isEqualTo("pagerduty-bot");
        assertThat(incident.get("sourceSystem").asString()).isEqualTo("pagerduty");
        assertThat(incident.get("reportKnown").asBoolean()).isTrue();
        assertThat(incident.get("reportedAt").asString()).isEqualTo("2026-11-26T10:00:00Z");
        assertThat(incident.get("reportRecordedAt").asString()).isEqualTo("2026-11-26T10:00:00.250Z");
        assertThat(incident.get("resolvedAt").asString()).isEqualTo("2026-11-26T10:45:00Z");
        assertThat(incident.get("resolvedBy").asString()).isEqualTo("dave");
        assertThat(incident.get("resolution").asString()).isEqualTo("rolled back to 1.4.2");
        assertThat(incident.get("resolutionSourceSystem").asString()).isEqualTo("pagerduty");
        assertThat(incident.get("resolutionRecordedAt").asString()).isEqualTo("2026-11-26T10:45:00.250Z");
        assertThat(incident.get("timeToRestoreSeconds").asLong()).as("45 minutes").isEqualTo(2700);
        assertThat(incident.has("eventId")).isTrue();
    }

    @Test
    void keepsAnOpenIncidentWithoutATimeToRestore() throws Exception {
        String id = newId();
        sendSample("IncidentReported-1", INCIDENT_ID, id);

        JsonNode incident = await("/api/v1/incidents/" + id, answer -> true);

        assertThat(incident.get("open").asBoolean()).isTrue();
        assertThat(incident.has("resolvedAt")).isFalse();
        assertThat(incident.has("timeToRestoreSeconds")).isFalse();
    }

    @Test
    void keepsAResolutionThatArrivesBeforeTheReportAndCompletesItWithTheReport() throws Exception {
        String id = newId();
        String service = "payments-" + newId();
        send(new IncidentResolved(id, "dave", "opsgenie", "restarted the pods", at("2036-01-01T11:30:00Z")));

        JsonNode resolvedOnly = await("/api/v1/incidents/" + id, answer -> true);
        assertThat(resolvedOnly.get("reportKnown").asBoolean()).isFalse();
        assertThat(resolvedOnly.get("open").asBoolean()).isFalse();
        assertThat(resolvedOnly.get("resolvedBy").asString()).isEqualTo("dave");
        assertThat(resolvedOnly.has("service")).isFalse();
        assertThat(resolvedOnly.has("timeToRestoreSeconds")).isFalse();
        assertThat(ids(ok("/api/v1/incidents?from=2036-01-01T11:00:00Z&to=2036-01-01T12:00:00Z")))
                .as("listed by its resolution while its report is unknown").contains(id);

        send(new IncidentReported(id, "OG-17", service, "production", "payments down", "SEV1", null, null,
                "opsgenie-bot", "opsgenie", at("2036-01-01T10:00:00Z")));

        JsonNode complete = await("/api/v1/incidents/" + id, answer -> answer.get("reportKnown").asBoolean());
        assertThat(complete.get("service").asString()).isEqualTo(service);
        assertThat(complete.get("externalId").asString()).isEqualTo("OG-17");
        assertThat(complete.get("reportedAt").asString()).isEqualTo("2036-01-01T10:00:00Z");
        assertThat(complete.get("resolvedBy").asString()).as("the resolution stays").isEqualTo("dave");
        assertThat(complete.get("resolution").asString()).isEqualTo("restarted the pods");
        assertThat(complete.get("open").asBoolean()).isFalse();
        assertThat(complete.get("timeToRestoreSeconds").asLong()).isEqualTo(5400);
        assertThat(ids(ok("/api/v1/incidents?service=" + service))).containsExactly(id);
        assertThat(ids(ok("/api/v1/incidents?from=2036-01-01T11:00:00Z&to=2036-01-01T12:00:00Z")))
                .as("now listed by its report").doesNotContain(id);
    }

    @Test
    void keepsTheFirstResolutionOfAnIncident() throws Exception {
        String id = newId();
        send(new IncidentResolved(id, "dave", "pagerduty", "restarted", at("2036-02-01T10:10:00Z")));
        send(new IncidentResolved(id, "erin", "pagerduty", "resolved again", at("2036-02-01T12:00:00Z")));
        // the same key keeps the order: once the report is visible, both resolutions have been consumed
        send(reported(id, "search-" + newId(), "production", null, at("2036-02-01T10:00:00Z")));

        JsonNode incident = await("/api/v1/incidents/" + id, answer -> answer.get("reportKnown").asBoolean());

        assertThat(incident.get("resolvedBy").asString()).isEqualTo("dave");
        assertThat(incident.get("resolution").asString()).isEqualTo("restarted");
        assertThat(incident.get("timeToRestoreSeconds").asLong()).isEqualTo(600);
    }

    static IncidentReported reported(String id, String service, String environment, String changeId, Instant at) {
        return new IncidentReported(id, "PD-" + id.substring(0, 8), service, environment, "error rate up", "SEV2",
                null, changeId, "pagerduty-bot", "pagerduty", at);
    }

    static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
