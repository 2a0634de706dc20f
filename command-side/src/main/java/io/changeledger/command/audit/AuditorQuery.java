package io.changeledger.command.audit;

import io.changeledger.events.audit.AuditorQueryRecorded;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One request an auditor made to the query side. Its id is the query side's, so a record sent again (the query
 * side's sender retries until Kafka acknowledges) lands on the request already recorded instead of failing.
 */
@Aggregate
class AuditorQuery {

    @AggregateIdentifier
    private String queryId;

    protected AuditorQuery() {
        // required by Axon to rebuild the aggregate from its events, and to create it if missing
    }

    /** @return whether the request was already on the ledger */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    boolean handle(RecordAuditorQueryCommand command) {
        // built first, so that a malformed record is refused whether or not the request is already recorded
        AuditorQueryRecorded recorded = new AuditorQueryRecorded(command.queryId(), command.auditor(),
                command.authenticated(), command.method(), command.path(), command.query(), command.status(),
                command.rowCount(), command.durationMillis(), command.clientAddress(), command.sourceSystem(),
                command.occurredAt());
        if (queryId != null) {
            return true;
        }
        apply(recorded);
        return false;
    }

    @EventSourcingHandler
    void on(AuditorQueryRecorded event) {
        queryId = event.queryId();
    }
}
