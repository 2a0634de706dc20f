package io.changeledger.command.freeze;

import io.changeledger.command.change.ChangeRuleException;
import io.changeledger.events.Require;
import io.changeledger.events.change.TimeWindow;
import io.changeledger.events.freeze.ChangeFreezeDeclared;
import io.changeledger.events.freeze.ChangeFreezeLifted;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A change freeze, declared and lifted as events so that what was frozen when is itself on the ledger. */
@Aggregate
class ChangeFreeze {

    @AggregateIdentifier
    private String freezeId;
    private TimeWindow window;
    private boolean lifted;

    protected ChangeFreeze() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    ChangeFreeze(DeclareChangeFreezeCommand command) {
        Require.present(command.window(), "window");
        apply(new ChangeFreezeDeclared(command.freezeId(), command.services(), command.environments(),
                command.window(), command.reason(), command.declaredBy(), command.occurredAt()));
    }

    @CommandHandler
    void handle(LiftChangeFreezeCommand command) {
        Require.text(command.liftedBy(), "liftedBy");
        if (lifted) {
            throw new ChangeRuleException("Freeze " + freezeId + " is already lifted");
        }
        if (!command.occurredAt().isBefore(window.end())) {
            throw new ChangeRuleException("Freeze " + freezeId + " already ended at " + window.end());
        }
        apply(new ChangeFreezeLifted(freezeId, command.liftedBy(), command.reason(), command.occurredAt()));
    }

    @EventSourcingHandler
    void on(ChangeFreezeDeclared event) {
        freezeId = event.freezeId();
        window = event.window();
    }

    @EventSourcingHandler
    void on(ChangeFreezeLifted event) {
        lifted = true;
    }
}
