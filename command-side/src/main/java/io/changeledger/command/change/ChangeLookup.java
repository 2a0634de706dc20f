package io.changeledger.command.change;

import io.changeledger.command.freeze.FreezeLookup;
import io.changeledger.events.change.ChangeCompleted;
import io.changeledger.events.change.ChangeDetails;
import io.changeledger.events.change.ChangeFailed;
import io.changeledger.events.change.ChangeOutcome;
import io.changeledger.events.change.ChangeRecorded;
import io.changeledger.events.change.ChangeRejected;
import io.changeledger.events.change.ChangeRequested;
import io.changeledger.events.change.ChangeRolledBack;
import io.changeledger.events.change.ChangeStarted;
import io.changeledger.events.change.RetrospectiveReviewCompleted;
import io.changeledger.events.change.RetrospectiveReviewOpened;
import io.changeledger.events.change.RetrospectiveReviewOverdue;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the command side must find across changes: the open change a tool's report correlates with, the
 * versions that ran in staging, the reviews whose deadline passed. Written by a subscribing processor in the
 * transaction that stores the events, so it is never behind the event store.
 */
@Component
@ProcessingGroup(FreezeLookup.PROCESSING_GROUP)
class ChangeLookup implements ChangeReports.CorrelationLookup {

    private static final String OPEN = "status in ('REQUESTED', 'IN_PROGRESS')";

    private final JdbcClient jdbc;

    ChangeLookup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ChangeRequested event) {
        insert(event.changeId(), event.service(), event.environment(), event.correlationKey(), event.details(),
                "REQUESTED", null);
    }

    @EventHandler
    void on(ChangeRecorded event) {
        String status = event.outcome() == ChangeOutcome.STARTED ? "IN_PROGRESS" : event.outcome().name();
        insert(event.changeId(), event.service(), event.environment(), event.correlationKey(), event.details(),
                status, event.outcome() == ChangeOutcome.COMPLETED ? event.occurredAt() : null);
    }

    @EventHandler
    void on(ChangeRejected event) {
        status(event.changeId(), "REJECTED", null);
    }

    @EventHandler
    void on(ChangeStarted event) {
        status(event.changeId(), "IN_PROGRESS", null);
    }

    @EventHandler
    void on(ChangeCompleted event) {
        status(event.changeId(), "COMPLETED", event.occurredAt());
    }

    @EventHandler
    void on(ChangeFailed event) {
        status(event.changeId(), "FAILED", null);
    }

    @EventHandler
    void on(ChangeRolledBack event) {
        status(event.changeId(), "ROLLED_BACK", null);
    }

    @EventHandler
    void on(RetrospectiveReviewOpened event) {
        jdbc.sql("update change_lookup set review_due_at = ? where change_id = ?")
                .params(Timestamp.from(event.dueAt()), event.changeId()).update();
    }

    @EventHandler
    void on(RetrospectiveReviewOverdue event) {
        reviewSettled(event.changeId());
    }

    @EventHandler
    void on(RetrospectiveReviewCompleted event) {
        reviewSettled(event.changeId());
    }

    /** The newest open change with the key: a report of a deployment lands on the change that planned it. */
    @Override
    public Optional<String> openChangeCorrelatedBy(String correlationKey) {
        return jdbc.sql("select change_id from change_lookup where correlation_key = ? and " + OPEN
                        + " order by seq desc limit 1")
                .param(correlationKey).query(String.class).optional();
    }

    boolean completedIn(String service, String version, List<String> environments, Instant atOrBefore) {
        return jdbc.sql("""
                        select exists (select 1 from change_lookup where service = ? and version = ?
                            and environment = any(?) and status in ('COMPLETED', 'ROLLED_BACK') and completed_at <= ?)""")
                .params(service, version, environments.toArray(String[]::new), Timestamp.from(atOrBefore))
                .query(Boolean.class).single();
    }

    List<String> reviewsDueBy(Instant now, int limit) {
        return jdbc.sql("select change_id from change_lookup where review_due_at <= ? order by review_due_at limit ?")
                .params(Timestamp.from(now), limit).query(String.class).list();
    }

    private void insert(String changeId, String service, String environment, String correlationKey,
                        ChangeDetails details, String status, Instant completedAt) {
        jdbc.sql("""
                        insert into change_lookup (change_id, service, environment, correlation_key, version, status,
                            completed_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(changeId, service, environment, correlationKey, details.deployedVersion(), status,
                        completedAt == null ? null : Timestamp.from(completedAt))
                .update();
    }

    private void status(String changeId, String status, Instant completedAt) {
        jdbc.sql("update change_lookup set status = ?, completed_at = coalesce(?, completed_at) where change_id = ?")
                .params(status, completedAt == null ? null : Timestamp.from(completedAt), changeId).update();
    }

    private void reviewSettled(String changeId) {
        jdbc.sql("update change_lookup set review_due_at = null where change_id = ?").param(changeId).update();
    }
}
