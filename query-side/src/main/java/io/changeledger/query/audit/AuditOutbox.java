package io.changeledger.query.audit;

import io.changeledger.query.jdbc.Params;
import io.changeledger.query.jdbc.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

/**
 * What waits for Kafka on its way to the ledger: the audited requests, in the order they were answered, and other
 * ingest items (the API tokens' records), in the order they were written.
 */
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

    /** An ingest item as it will be sent: its Kafka key and its exact bytes. */
    record Item(UUID itemId, String recordKey, String item) {
    }

    void add(Item item) {
        jdbc.sql("insert into ledger_item_outbox (item_id, record_key, item) values (:itemId, :recordKey, :item)")
                .paramSource(new Params().uuid("itemId", item.itemId()).text("recordKey", item.recordKey())
                        .text("item", item.item()))
                .update();
    }

    /** Like {@link #oldest}: locked until the caller's transaction ends, skipped by another instance's sender. */
    List<Item> oldestItems(int limit) {
        return jdbc.sql("""
                        select item_id, record_key, item from ledger_item_outbox order by position limit :limit
                        for update skip locked""")
                .paramSource(new Params().integer("limit", limit))
                .query((rs, row) -> new Item(rs.getObject("item_id", UUID.class), rs.getString("record_key"),
                        rs.getString("item")))
                .list();
    }

    void removeItems(List<UUID> itemIds) {
        if (!itemIds.isEmpty()) {
            jdbc.sql("delete from ledger_item_outbox where item_id in (:ids)").param("ids", itemIds).update();
        }
    }
}
