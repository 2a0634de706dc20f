package io.changeledger.command.change;

import io.changeledger.events.change.DeploymentRecorded;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One production change, identified by its change id. */
@Aggregate
class ProductionChange {

    @AggregateIdentifier
    private String changeId;

    protected ProductionChange() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    ProductionChange(RecordDeploymentCommand command) {
        requireText(command.changeId(), "changeId");
        requireText(command.service(), "service");
        requireText(command.environment(), "environment");
        requireText(command.version(), "version");
        requireText(command.actor(), "actor");
        requireText(command.sourceSystem(), "sourceSystem");
        if (command.occurredAt() == null) {
            throw new IllegalArgumentException("occurredAt is required");
        }
        apply(new DeploymentRecorded(command.changeId(), command.service(), command.environment(),
                command.version(), command.artifactDigest(), command.actor(), command.ticket(),
                command.sourceSystem(), command.occurredAt()));
    }

    @EventSourcingHandler
    void on(DeploymentRecorded event) {
        this.changeId = event.changeId();
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
