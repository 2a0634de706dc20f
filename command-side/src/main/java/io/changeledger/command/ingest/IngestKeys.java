package io.changeledger.command.ingest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** The durable idempotency keys; every method joins the caller's transaction. */
@Component
class IngestKeys {

    private final JdbcClient jdbc;

    IngestKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the key for this item. A concurrent claim of the same key waits here until the other transaction ends,
     * then finds its key if it committed.
     *
     * @return empty if this transaction claimed the key, else the key as it was claimed before
     */
    Optional<Claimed> claim(String source, String key, String type, String fingerprint) {
        int inserted = jdbc.sql("""
                        insert into ingest_key (source, idempotency_key, item_type, fingerprint)
                        values (?, ?, ?, ?) on conflict do nothing""")
                .params(source, key, type, fingerprint).update();
        if (inserted == 1) {
            return Optional.empty();
        }
        return Optional.of(jdbc.sql("""
                        select ledger_id, fingerprint from ingest_key where source = ? and idempotency_key = ?""")
                .params(source, key)
                .query((rs, row) -> new Claimed(rs.getString("ledger_id"), rs.getString("fingerprint")))
                .single());
    }

    void recorded(String source, String key, String ledgerId) {
        jdbc.sql("update ingest_key set ledger_id = ? where source = ? and idempotency_key = ?")
                .params(ledgerId, source, key).update();
    }

    record Claimed(String ledgerId, String fingerprint) {
    }
}
