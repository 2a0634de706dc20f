package io.changeledger.query.control;

import io.changeledger.events.change.ChangeKind;
import io.changeledger.events.change.Control;
import io.changeledger.query.jdbc.Paging;
import io.changeledger.query.jdbc.Params;
import io.changeledger.query.jdbc.Rows;
import io.changeledger.query.jdbc.Snapshot;
import io.changeledger.query.web.Page;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

@Component
class ViolationQueries {

    private static final RowMapper<ViolationView> VIOLATION = (rs, row) -> {
        Instant resolvedAt = Rows.instant(rs, "resolved_at");
        return new ViolationView(rs.getString("change_id"), rs.getString("violation_id"),
                Rows.enumeration(rs, "control", Control.class), rs.getString("detail"), rs.getString("reference"),
                Rows.instant(rs, "occurred_at"), Rows.instant(rs, "recorded_at"), resolvedAt != null,
                rs.getString("resolved_by"), rs.getString("resolution"), resolvedAt,
                Rows.enumeration(rs, "kind", ChangeKind.class), rs.getString("service"), rs.getString("environment"));
    };

    private final JdbcClient jdbc;
    private final Snapshot snapshot;

    ViolationQueries(JdbcClient jdbc, Snapshot snapshot) {
        this.jdbc = jdbc;
        this.snapshot = snapshot;
    }

    Page<ViolationView> handle(FindViolationsQuery query) {
        return snapshot.read(() -> answer(query));
    }

    private Page<ViolationView> answer(FindViolationsQuery query) {
        Instant knownAt = query.knownAt();
        Params params = new Params();
        params.time("knownAt", knownAt);
        List<String> conditions = new ArrayList<>();
        if (knownAt != null) {
            conditions.add("v.recorded_at <= :knownAt");
        }
        if (query.open() != null) {
            // a resolution recorded after knownAt was not known then
            String resolved = knownAt == null ? "v.resolved_at is not null"
                    : "v.resolution_recorded_at <= :knownAt";
            conditions.add(query.open() ? "not coalesce(" + resolved + ", false)" : resolved);
        }
        if (query.control() != null) {
            conditions.add("v.control = :control");
            params.text("control", query.control());
        }
        if (query.service() != null) {
            conditions.add("c.service = :service");
            params.text("service", query.service());
        }
        if (query.environment() != null) {
            conditions.add("c.environment = :environment");
            params.text("environment", query.environment());
        }
        if (query.from() != null) {
            conditions.add("v.occurred_at >= :from");
            params.time("from", query.from());
        }
        if (query.to() != null) {
            conditions.add("v.occurred_at < :to");
            params.time("to", query.to());
        }
        String from = " from control_violation v join production_change c on c.change_id = v.change_id"
                + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions));
        return Paging.page(jdbc, "v.change_id, v.violation_id, v.control, v.detail, v.reference, v.occurred_at,"
                        + " v.recorded_at, " + resolution(knownAt) + ", c.kind, c.service, c.environment", from,
                "v.occurred_at desc, v.global_sequence desc", params, query.page(), query.size(), VIOLATION);
    }

    private static String resolution(Instant knownAt) {
        if (knownAt == null) {
            return "v.resolved_by, v.resolution, v.resolved_at";
        }
        return """
                case when v.resolution_recorded_at <= :knownAt then v.resolved_by end as resolved_by,
                case when v.resolution_recorded_at <= :knownAt then v.resolution end as resolution,
                case when v.resolution_recorded_at <= :knownAt then v.resolved_at end as resolved_at""";
    }
}
