package io.changeledger.query.audit;

import io.changeledger.query.jdbc.Params;
import io.changeledger.query.jdbc.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

/** The audited requests not yet acknowledged by Kafka, in the order they were answered. */
@Component
class AuditOutbox {

    private final JdbcClient jdbc;

    AuditOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(AuditorRequest request) {
        jdbc.sql("""
                        insert into auditor_request_outbox (request_id, auditor, authenticated, method, path, query,
                            status, row_count, duration_ms, client_address, requested_at)
                        values (:requestId, :auditor, :authenticated, :method, :path, :query, :status, :rowCount,
                            :durationMillis, :clientAddress, :requestedAt)""")
                .paramSource(new Params()
                        .uuid("requestId", request.requestId())
                        .text("auditor", request.auditor())
                        .bool("authenticated", request.authenticated())
                        .text("method", request.method())
                        .text("path", request.path())
                        .text("query", request.query())
                        .integer("status", request.status())
                        .integer("rowCount", request.rowCount())
                        .bigint("durationMillis", request.durationMillis())
                        .text("clientAddress", request.clientAddress())
                        .time("requestedAt", request.requestedAt()))
                .update();
    }

    /**
     * The oldest records, locked until the caller's transaction ends; another instance's sender skips them and
     * takes the next ones.
     */
    List<AuditorRequest> oldest(int limit) {
        return jdbc.sql("""
                        select * from auditor_request_outbox order by position limit :limit for update skip locked""")
                .paramSource(new Params().integer("limit", limit))
                .query((rs, row) -> new AuditorRequest(rs.getObject("request_id", UUID.class), rs.getString("auditor"),
                        rs.getBoolean("authenticated"), rs.getString("method"), rs.getString("path"),
                        rs.getString("query"), rs.getInt("status"), Rows.integer(rs, "row_count"),
                        rs.getLong("duration_ms"), rs.getString("client_address"),
                        Rows.instant(rs, "requested_at")))
                .list();
    }

    void remove(List<UUID> requestIds) {
        if (!requestIds.isEmpty()) {
            jdbc.sql("delete from auditor_request_outbox where request_id in (:ids)")
                    .param("ids", requestIds).update();
        }
    }

    long size() {
        return jdbc.sql("select count(*) from auditor_request_outbox").query(Long.class).single();
    }
}
