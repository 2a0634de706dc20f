package io.changeledger.query.audit;

import io.changeledger.events.audit.AuditorQueryRecorded;
import io.changeledger.events.wire.LedgerEnvelope;
import io.changeledger.query.jdbc.Params;
import io.changeledger.query.projection.LedgerProjection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The audit of the auditors as the ledger recorded it, one row per request. */
@Component
class AuditActivityProjection implements LedgerProjection {

    private final JdbcClient jdbc;

    AuditActivityProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void on(LedgerEnvelope envelope) {
        if (!(envelope.event() instanceof AuditorQueryRecorded event)) {
            return;
        }
        jdbc.sql("""
                        insert into auditor_activity (query_id, auditor, authenticated, method, path, query, status,
                            row_count, duration_ms, client_address, source_system, occurred_at, recorded_at, event_id,
                            global_sequence)
                        values (:queryId, :auditor, :authenticated, :method, :path, :query, :status, :rowCount,
                            :durationMillis, :clientAddress, :sourceSystem, :occurredAt, :recordedAt, :eventId,
                            :globalSequence)
                        on conflict (query_id) do nothing""")
                .paramSource(new Params()
                        .text("queryId", event.queryId())
                        .text("auditor", event.auditor())
                        .bool("authenticated", event.authenticated())
                        .text("method", event.method())
                        .text("path", event.path())
                        .text("query", event.query())
                        .integer("status", event.status())
                        .integer("rowCount", event.rowCount())
                        .bigint("durationMillis", event.durationMillis())
                        .text("clientAddress", event.clientAddress())
                        .text("sourceSystem", event.sourceSystem())
                        .time("occurredAt", event.occurredAt())
                        .time("recordedAt", envelope.recordedAt())
                        .uuid("eventId", envelope.eventId())
                        .bigint("globalSequence", envelope.globalSequence()))
                .update();
    }
}
