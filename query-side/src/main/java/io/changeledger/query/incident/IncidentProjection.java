package io.changeledger.query.incident;

import io.changeledger.events.incident.IncidentReported;
import io.changeledger.events.incident.IncidentResolved;
import io.changeledger.events.wire.LedgerEnvelope;
import io.changeledger.query.jdbc.Params;
import io.changeledger.query.projection.LedgerProjection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the incidents. An incident's events share its id as their key and so arrive in order, but the report and
 * the resolution each insert the row if it is not there yet: a resolution that comes first is kept, and the report
 * fills in the rest when it comes. The first report and the first resolution stand; the command side records each
 * once, so a later one could only be a copy.
 */
@Component
class IncidentProjection implements LedgerProjection {

    private final JdbcClient jdbc;

    IncidentProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void on(LedgerEnvelope envelope) {
        if (envelope.event() instanceof IncidentReported reported) {
            on(reported, envelope);
        } else if (envelope.event() instanceof IncidentResolved resolved) {
            on(resolved, envelope);
        }
    }

    private void on(IncidentReported event, LedgerEnvelope envelope) {
        jdbc.sql("""
                        insert into incident (incident_id, external_id, service, environment, summary, severity, url,
                            change_id, reported_by, source_system, reported_at, report_recorded_at, report_event_id,
                            report_global_sequence)
                        values (:incidentId, :externalId, :service, :environment, :summary, :severity, :url,
                            :changeId, :reportedBy, :sourceSystem, :occurredAt, :recordedAt, :eventId,
                            :globalSequence)
                        on conflict (incident_id) do update
                        set external_id = excluded.external_id, service = excluded.service,
                            environment = excluded.environment, summary = excluded.summary,
                            severity = excluded.severity, url = excluded.url, change_id = excluded.change_id,
                            reported_by = excluded.reported_by, source_system = excluded.source_system,
                            reported_at = excluded.reported_at, report_recorded_at = excluded.report_recorded_at,
                            report_event_id = excluded.report_event_id,
                            report_global_sequence = excluded.report_global_sequence
                        where incident.report_event_id is null""")
                .paramSource(new Params()
                        .text("incidentId", event.incidentId())
                        .text("externalId", event.externalId())
                        .text("service", event.service())
                        .text("environment", event.environment())
                        .text("summary", event.summary())
                        .text("severity", event.severity())
                        .text("url", event.url())
                        .text("changeId", event.changeId())
                        .text("reportedBy", event.reportedBy())
                        .text("sourceSystem", event.sourceSystem())
                        .time("occurredAt", event.occurredAt())
                        .time("recordedAt", envelope.recordedAt())
                        .uuid("eventId", envelope.eventId())
                        .bigint("globalSequence", envelope.globalSequence()))
                .update();
    }

    private void on(IncidentResolved event, LedgerEnvelope envelope) {
        jdbc.sql("""
                        insert into incident (incident_id, resolved_at, resolved_by, resolution,
                            resolution_source_system, resolution_recorded_at)
                        values (:incidentId, :occurredAt, :resolvedBy, :resolution, :sourceSystem, :recordedAt)
                        on conflict (incident_id) do update
                        set resolved_at = excluded.resolved_at, resolved_by = excluded.resolved_by,
                            resolution = excluded.resolution,
                            resolution_source_system = excluded.resolution_source_system,
                            resolution_recorded_at = excluded.resolution_recorded_at
                        where incident.resolved_at is null""")
                .paramSource(new Params()
                        .text("incidentId", event.incidentId())
                        .time("occurredAt", event.occurredAt())
                        .text("resolvedBy", event.resolvedBy())
                        .text("resolution", event.resolution())
                        .text("sourceSystem", event.sourceSystem())
                        .time("recordedAt", envelope.recordedAt()))
                .update();
    }
}
