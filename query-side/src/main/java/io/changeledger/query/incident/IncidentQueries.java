package io.changeledger.query.incident;

import io.changeledger.query.jdbc.Paging;
import io.changeledger.query.jdbc.Params;
import io.changeledger.query.jdbc.Rows;
import io.changeledger.query.jdbc.Snapshot;
import io.changeledger.query.web.Page;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Component
class IncidentQueries {

    private static final RowMapper<IncidentView> INCIDENT = (rs, row) -> new IncidentView(rs.getString("incident_id"),
            rs.getString("external_id"), rs.getString("service"), rs.getString("environment"),
            rs.getString("summary"), rs.getString("severity"), rs.getString("url"), rs.getString("change_id"),
            rs.getString("reported_by"), rs.getString("source_system"), rs.getObject("report_event_id") != null,
            Rows.instant(rs, "reported_at"), Rows.instant(rs, "report_recorded_at"),
            rs.getObject("resolved_at") == null, Rows.instant(rs, "resolved_at"), rs.getString("resolved_by"),
            rs.getString("resolution"), rs.getString("resolution_source_system"),
            Rows.instant(rs, "resolution_recorded_at"), rs.getObject("time_to_restore_seconds", Long.class),
            rs.getObject("report_event_id", UUID.class), rs.getObject("report_global_sequence", Long.class));

    private static final String ORDER = "listed_at desc, incident_id";

    private final JdbcClient jdbc;
    private final Snapshot snapshot;

    IncidentQueries(JdbcClient jdbc, Snapshot snapshot) {
        this.jdbc = jdbc;
        this.snapshot = snapshot;
    }

    Optional<IncidentView> handle(FindIncidentQuery query) {
        return snapshot.read(() -> jdbc.sql("select * from incident where incident_id = :incidentId")
                .paramSource(new Params().text("incidentId", query.incidentId())).query(INCIDENT).optional());
    }

    Page<IncidentView> handle(FindIncidentsQuery query) {
        return snapshot.read(() -> answer(query));
    }

    private Page<IncidentView> answer(FindIncidentsQuery query) {
        Params params = new Params();
        List<String> conditions = new ArrayList<>();
        if (query.service() != null) {
            conditions.add("service = :service");
            params.text("service", query.service());
        }
        if (query.environment() != null) {
            conditions.add("environment = :environment");
            params.text("environment", query.environment());
        }
        if (query.open() != null) {
            conditions.add(query.open() ? "resolved_at is null" : "resolved_at is not null");
        }
        if (query.from() != null) {
            conditions.add("listed_at >= :from");
            params.time("from", query.from());
        }
        if (query.to() != null) {
            conditions.add("listed_at < :to");
            params.time("to", query.to());
        }
        String from = " from incident" + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions));
        return Paging.page(jdbc, "*", from, ORDER, params, query.page(), query.size(), INCIDENT);
    }

    /** Empty if the ledger does not know the change, even when incidents name it. */
    Optional<Page<IncidentView>> handle(FindChangeIncidentsQuery query) {
        return snapshot.read(() -> answer(query));
    }

    private Optional<Page<IncidentView>> answer(FindChangeIncidentsQuery query) {
        Params params = new Params();
        params.text("changeId", query.changeId());
        boolean known = jdbc.sql("select exists (select 1 from production_change where change_id = :changeId)")
                .paramSource(params).query(Boolean.class).single();
        if (!known) {
            return Optional.empty();
        }
        return Optional.of(Paging.page(jdbc, "*", " from incident where change_id = :changeId", ORDER, params,
                query.page(), query.size(), INCIDENT));
    }
}
