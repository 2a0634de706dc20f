package io.changeledger.command.change;

import io.changeledger.events.change.DeploymentRecorded;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

class ProductionChangeTest {

    private static final Instant TEN_O_CLOCK = Instant.parse("2026-11-26T10:00:00Z");

    private AggregateTestFixture<ProductionChange> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ProductionChange.class);
    }

    @Test
    void recordsADeployment() {
        fixture.givenNoPriorActivity()
                .when(new RecordDeploymentCommand("change-1", "checkout", "production", "1.4.2",
                        "sha256:abc123", "alice", "OPS-42", "api", TEN_O_CLOCK))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DeploymentRecorded("change-1", "checkout", "production", "1.4.2",
                        "sha256:abc123", "alice", "OPS-42", "api", TEN_O_CLOCK));
    }

    @Test
    void recordsADeploymentWithoutOptionalEvidence() {
        fixture.givenNoPriorActivity()
                .when(new RecordDeploymentCommand("change-2", "payments", "staging", "7", null, "deploy-bot",
                        null, "github", TEN_O_CLOCK))
                .expectEvents(new DeploymentRecorded("change-2", "payments", "staging", "7", null, "deploy-bot",
                        null, "github", TEN_O_CLOCK));
    }

    @Test
    void rejectsADeploymentWithoutAService() {
        fixture.givenNoPriorActivity()
                .when(new RecordDeploymentCommand("change-3", " ", "production", "1.4.2", null, "alice", null,
                        "api", TEN_O_CLOCK))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("service is required")
                .expectNoEvents();
    }

    @Test
    void rejectsADeploymentWithoutAnActor() {
        fixture.givenNoPriorActivity()
                .when(new RecordDeploymentCommand("change-4", "checkout", "production", "1.4.2", null, null, null,
                        "api", TEN_O_CLOCK))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("actor is required")
                .expectNoEvents();
    }

    @Test
    void rejectsADeploymentWithoutATime() {
        fixture.givenNoPriorActivity()
                .when(new RecordDeploymentCommand("change-5", "checkout", "production", "1.4.2", null, "alice",
                        null, "api", null))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }
}
