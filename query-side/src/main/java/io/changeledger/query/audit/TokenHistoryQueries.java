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
class TokenHistoryQueries {

    private static final RowMapper<ApiTokenRecord> TOKEN = (rs, row) -> new ApiTokenRecord(rs.getString("token_id"),
            rs.getString("api"), rs.getString("name"), rs.getString("role"), rs.getString("issued_by"),
            Rows.instant(rs, "issued_at"), Rows.instant(rs, "expires_at"), Rows.instant(rs, "first_used_at"),
            rs.getString("revoked_by"), Rows.instant(rs, "revoked_at"), rs.getObject("issued_event_id", UUID.class));

    private final JdbcClient jdbc;
    private final Snapshot snapshot;

    TokenHistoryQueries(JdbcClient jdbc, Snapshot snapshot) {
        this.jdbc = jdbc;
        this.snapshot = snapshot;
    }

    List<ApiTokenRecord> handle(FindApiTokensQuery query) {
        Params params = new Params();
        List<String> conditions = new ArrayList<>();
        if (query.api() != null) {
            conditions.add("api = :api");
            params.text("api", query.api());
        }
        if (query.name() != null) {
            conditions.add("name = :name");
            params.text("name", query.name());
        }
        if (query.activeAt() != null) {
            conditions.add("issued_at <= :at and expires_at > :at and (revoked_at is null or revoked_at > :at)");
            params.time("at", query.activeAt());
        }
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        return snapshot.read(() -> jdbc.sql("select * from api_token_history" + where
                        + " order by issued_at, token_id collate \"C\"")
                .paramSource(params).query(TOKEN).list());
    }
}
