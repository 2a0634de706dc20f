package io.changeledger.query.change;

import io.changeledger.events.change.DeploymentRecorded;
import io.changeledger.events.wire.LedgerEnvelope;
import io.changeledger.query.projection.LedgerProjection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;

/** Keeps the table of production changes. */
@Component
class ChangeProjection implements LedgerProjection {

    private final JdbcClient jdbc;

    ChangeProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void on(LedgerEnvelope envelope) {
        if (envelope.event() instanceof DeploymentRecorded deployment) {
            on(deployment, envelope);
        }
    }

    private void on(DeploymentRecorded event, LedgerEnvelope envelope) {
        jdbc.sql("""
                        insert into production_change (change_id, kind, service, environment, version, artifact_digest,
                            actor, ticket, source_system, occurred_at, recorded_at, event_id, global_sequence)
                        values (?, 'DEPLOYMENT', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(event.changeId(), event.service(), event.environment(), event.version(),
                        event.artifactDigest(), event.actor(), event.ticket(), event.sourceSystem(),
                        Timestamp.from(event.occurredAt()), Timestamp.from(envelope.recordedAt()),
                        envelope.eventId(), envelope.globalSequence())
                .update();
    }
}
