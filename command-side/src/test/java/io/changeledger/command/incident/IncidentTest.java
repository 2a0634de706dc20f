package io.changeledger.command.incident;

import io.changeledger.events.change.TimeWindow;
import io.changeledger.events.freeze.ChangeFreezeDeclared;
import io.changeledger.events.incident.IncidentReported;
import io.changeledger.events.incident.IncidentResolved;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

class IncidentTest {

    private static final String ID = "incident-1";
    private static final Instant REPORTED = Instant.parse("2026-11-26T10:00:00Z");
    private static final Instant RESOLVED = Instant.parse("2026-11-26T10:42:00Z");
    private static final ReportIncidentCommand REPORT = new ReportIncidentCommand(ID, "PD-123", "checkout",
            "production", "checkout answers 503", "SEV-1", "https://pagerduty.example/incidents/PD-123", "change-9",
            "pagerduty-bot", "pagerduty", REPORTED);
    private static final IncidentReported REPORTED_EVENT = new IncidentReported(ID, "PD-123", "checkout",
            "production", "checkout answers 503", "SEV-1", "https://pagerduty.example/incidents/PD-123", "change-9",
            "pagerduty-bot", "pagerduty", REPORTED);

    private AggregateTestFixture<Incident> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Incident.class);
    }

    @Test
    void reportsAnIncident() {
        fixture.givenNoPriorActivity()
                .when(REPORT)
                .expectEvents(REPORTED_EVENT)
                .expectResultMessagePayload(false);
    }

    @Test
    void recordsNothingForAnIncidentReportedAgain() {
        fixture.given(REPORTED_EVENT)
                .when(new ReportIncidentCommand(ID, "PD-123", "checkout", "production", "still down", "SEV-2", null,
                        null, "pagerduty-bot", "pagerduty", REPORTED.plusSeconds(60)))
                .expectNoEvents()
                .expectResultMessagePayload(true);
    }

    @Test
    void rejectsAReportWithoutAService() {
        fixture.givenNoPriorActivity()
                .when(new ReportIncidentCommand(ID, "PD-123", " ", "production", null, null, null, null,
                        "pagerduty-bot", "pagerduty", REPORTED))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("service is required")
                .expectNoEvents();
    }

    @Test
    void rejectsAMalformedReportEvenOfAnIncidentAlreadyReported() {
        fixture.given(REPORTED_EVENT)
                .when(new ReportIncidentCommand(ID, "PD-123", "checkout", "production", null, null, null, null,
                        null, "pagerduty", REPORTED))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("reportedBy is required")
                .expectNoEvents();
    }

    @Test
    void resolvesAnIncident() {
        fixture.given(REPORTED_EVENT)
                .when(new ResolveIncidentCommand(ID, "alice", "pagerduty", "rolled back change-9", RESOLVED))
                .expectEvents(new IncidentResolved(ID, "alice", "pagerduty", "rolled back change-9", RESOLVED));
    }

    @Test
    void resolvesAnIncidentOnce() {
        fixture.given(REPORTED_EVENT, new IncidentResolved(ID, "alice", "pagerduty", "rolled back", RESOLVED))
                .when(new ResolveIncidentCommand(ID, "bob", "pagerduty", "restarted", RESOLVED.plusSeconds(600)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void resolvesAnIncidentAtTheMomentItWasReported() {
        fixture.given(REPORTED_EVENT)
                .when(new ResolveIncidentCommand(ID, "alice", "pagerduty", null, REPORTED))
                .expectEvents(new IncidentResolved(ID, "alice", "pagerduty", null, REPORTED));
    }

    @Test
    void rejectsAResolutionBeforeTheReport() {
        fixture.given(REPORTED_EVENT)
                .when(new ResolveIncidentCommand(ID, "alice", "pagerduty", null, REPORTED.minusSeconds(1)))
                .expectException(IncidentRuleException.class)
                .expectExceptionMessage("Incident PD-123 was reported at 2026-11-26T10:00:00Z; it cannot have been"
                        + " resolved before, at 2026-11-26T09:59:59Z")
                .expectNoEvents();
    }

    @Test
    void rejectsAResolutionWithoutAResolver() {
        fixture.given(REPORTED_EVENT)
                .when(new ResolveIncidentCommand(ID, "", "pagerduty", null, RESOLVED))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("resolvedBy is required")
                .expectNoEvents();
    }

    /** Create-if-missing must never append an incident to the events of another aggregate under the same id. */
    @Test
    void refusesToReportUnderTheIdOfAnotherAggregate() {
        fixture.given(new ChangeFreezeDeclared(ID, Set.of(), Set.of(), new TimeWindow(REPORTED, RESOLVED),
                        "year-end", "grace", REPORTED))
                .when(REPORT)
                .expectException(IncompatibleAggregateException.class)
                .expectNoEvents();
    }
}
