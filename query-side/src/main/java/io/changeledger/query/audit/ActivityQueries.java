package io.changeledger.query.audit;

import io.changeledger.query.jdbc.Params;
import io.changeledger.query.jdbc.Rows;
import io.changeledger.query.jdbc.Snapshot;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@Component
class ActivityQueries {

    private static final RowMapper<AuditorActivity> ACTIVITY = (rs, row) -> new AuditorActivity(
            rs.getString("query_id"), rs.getString("auditor"), rs.getBoolean("authenticated"),
            rs.getString("method"), rs.getString("path"), rs.getString("query"), rs.getInt("status"),
            Rows.integer(rs, "row_count"), rs.getLong("duration_ms"), rs.getString("client_address"),
            rs.getString("source_system"), Rows.instant(rs, "occurred_at"), Rows.instant(rs, "recorded_at"),
            rs.getObject("event_id", UUID.class));

    private final JdbcClient jdbc;
    private final Snapshot snapshot;

    ActivityQueries(JdbcClient jdbc, Snapshot snapshot) {
        this.jdbc = jdbc;
        this.snapshot = snapshot;
    }

    CursorPage<AuditorActivity> handle(FindAuditorActivityQuery query) {
        return snapshot.read(() -> answer(query));
    }

    private CursorPage<AuditorActivity> answer(FindAuditorActivityQuery query) {
        Params params = new Params();
        List<String> conditions = new ArrayList<>();
        if (query.auditor() != null) {
            conditions.add("auditor = :auditor");
            params.text("auditor", query.auditor());
        }
        if (query.from() != null) {
            conditions.add("occurred_at >= :from");
            params.time("from", query.from());
        }
        if (query.to() != null) {
            conditions.add("occurred_at < :to");
            params.time("to", query.to());
        }
        long total = jdbc.sql("select count(*) from auditor_activity" + where(conditions)).paramSource(params)
                .query(Long.class).single();
        if (query.after() != null) {
            conditions.add("(occurred_at, query_id collate \"C\") > (:afterAt, cast(:afterId as text) collate \"C\")");
            params.time("afterAt", query.after().occurredAt()).text("afterId", query.after().id());
        }
        params.integer("limit", query.limit() + 1);
        List<AuditorActivity> items = jdbc.sql("select * from auditor_activity" + where(conditions)
                        + " order by occurred_at, query_id collate \"C\" limit :limit")
                .paramSource(params).query(ACTIVITY).list();
        if (items.size() <= query.limit()) {
            return new CursorPage<>(items, query.limit(), total, null);
        }
        AuditorActivity last = items.get(query.limit() - 1);
        return new CursorPage<>(List.copyOf(items.subList(0, query.limit())), query.limit(), total,
                new Cursor(last.occurredAt(), last.queryId()).encode());
    }

    private static String where(List<String> conditions) {
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }
}
