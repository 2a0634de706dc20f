package io.changeledger.query.change;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Component
class ChangeQueries {

    private static final RowMapper<ChangeView> CHANGE = (rs, row) -> new ChangeView(
            rs.getString("change_id"), rs.getString("kind"), rs.getString("service"), rs.getString("environment"),
            rs.getString("version"), rs.getString("artifact_digest"), rs.getString("actor"), rs.getString("ticket"),
            rs.getString("source_system"), rs.getTimestamp("occurred_at").toInstant(),
            rs.getTimestamp("recorded_at").toInstant(), rs.getObject("event_id", UUID.class),
            rs.getLong("global_sequence"));

    private final JdbcClient jdbc;

    ChangeQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ChangeView> handle(FindChangeQuery query) {
        return jdbc.sql("select * from production_change where change_id = ?")
                .param(query.changeId()).query(CHANGE).optional();
    }

    ChangePage handle(FindChangesQuery query) {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (query.service() != null) {
            conditions.add("service = ?");
            params.add(query.service());
        }
        if (query.environment() != null) {
            conditions.add("environment = ?");
            params.add(query.environment());
        }
        if (query.from() != null) {
            conditions.add("occurred_at >= ?");
            params.add(Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            conditions.add("occurred_at < ?");
            params.add(Timestamp.from(query.to()));
        }
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        long total = jdbc.sql("select count(*) from production_change" + where).params(params)
                .query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(query.size());
        pageParams.add((long) query.page() * query.size());
        List<ChangeView> items = jdbc.sql("select * from production_change" + where
                        + " order by occurred_at desc, global_sequence desc limit ? offset ?")
                .params(pageParams).query(CHANGE).list();
        return new ChangePage(items, query.page(), query.size(), total);
    }
}
