package io.changeledger.command.source;

import io.changeledger.command.source.SourceCommands.ChangeSourceScopeCommand;
import io.changeledger.command.source.SourceCommands.DisableSourceCommand;
import io.changeledger.command.source.SourceCommands.RecordSourceGapCommand;
import io.changeledger.command.source.SourceCommands.RegisterSourceCommand;
import io.changeledger.command.source.SourceCommands.RotateSourceCredentialsCommand;
import io.changeledger.events.Require;
import io.changeledger.events.source.SourceCredentialsRotated;
import io.changeledger.events.source.SourceDisabled;
import io.changeledger.events.source.SourceGapDetected;
import io.changeledger.events.source.SourceRegistered;
import io.changeledger.events.source.SourceScopeChanged;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A tool the ledger accepts events from. Its credentials live outside the events (only hashes or ciphertext, in
 * the source table); the events say who registered the source, what it may report, when its credentials changed,
 * and which of its events never arrived.
 */
@Aggregate
class IngestSource {

    @AggregateIdentifier
    private String sourceName;
    private boolean disabled;

    protected IngestSource() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    IngestSource(RegisterSourceCommand command) {
        apply(new SourceRegistered(command.sourceName(), command.kind(), command.scope(), command.ratePerSecond(),
                command.description(), command.registeredBy(), command.occurredAt()));
    }

    @CommandHandler
    void handle(RotateSourceCredentialsCommand command) {
        requireEnabled("rotate the credentials of");
        apply(new SourceCredentialsRotated(sourceName, command.rotatedBy(), command.occurredAt()));
    }

    @CommandHandler
    void handle(ChangeSourceScopeCommand command) {
        requireEnabled("change the scope of");
        apply(new SourceScopeChanged(sourceName, command.scope(), command.ratePerSecond(), command.changedBy(),
                command.occurredAt()));
    }

    /** Disabling twice records it once: an operator may repeat it to be sure. */
    @CommandHandler
    void handle(DisableSourceCommand command) {
        Require.text(command.disabledBy(), "disabledBy");
        if (!disabled) {
            apply(new SourceDisabled(sourceName, command.disabledBy(), command.reason(), command.occurredAt()));
        }
    }

    /** A gap is a fact about what arrived, so it is recorded even for a source disabled meanwhile. */
    @CommandHandler
    void handle(RecordSourceGapCommand command) {
        apply(new SourceGapDetected(sourceName, command.expectedSequence(), command.receivedSequence(),
                command.occurredAt()));
    }

    private void requireEnabled(String action) {
        if (disabled) {
            throw new SourceRuleException("Source " + sourceName + " is disabled; nobody can " + action + " it");
        }
    }

    @EventSourcingHandler
    void on(SourceRegistered event) {
        sourceName = event.sourceName();
    }

    @EventSourcingHandler
    void on(SourceDisabled event) {
        disabled = true;
    }
}
