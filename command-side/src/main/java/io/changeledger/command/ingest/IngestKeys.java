package io.changeledger.command.ingest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The durable idempotency keys; every method joins the caller's transaction. A transaction reads its items' keys
 * first, in one statement, and inserts those it recorded, with their ledger ids, in one more: claiming the keys
 * first and storing the ledger ids afterwards took an insert and an update of every row, and left a dead row per
 * key for vacuum.
 */
@Component
class IngestKeys {

    private final JdbcClient jdbc;

    IngestKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One lookup by the primary key per key asked, whatever the statistics say. Written as a join of the keys with
     * the table, PostgreSQL planned a hash join over a sequential scan while the table was empty, kept that plan
     * for the prepared statement until the table was next analyzed, and on a new ledger under load (the autovacuum
     * workers busy elsewhere) read the whole table per chunk for minutes: 30 ms instead of 0.3 ms per chunk of 100
     * at 200,000 keys, and ingestion through Kafka fell from about 8,000 to about 2,000 events/s. A subquery with a
     * limit is not flattened into a join, so each key is looked up by the index.
     */
    static final String FIND = """
            select k.source, k.idempotency_key, k.ledger_id, k.fingerprint
            from unnest(?::text[], ?::text[]) as wanted (source, idempotency_key)
            cross join lateral (select * from ingest_key k where k.source = wanted.source
                and k.idempotency_key = wanted.idempotency_key limit 1) k""";

    /** @return those of the keys that are stored, as they were recorded */
    Map<Key, Claimed> find(Collection<Key> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        List<Key> distinct = keys.stream().distinct().toList();
        Map<Key, Claimed> found = new HashMap<>();
        jdbc.sql(FIND)
                .params(column(distinct, Key::source), column(distinct, Key::idempotencyKey))
                .query(rs -> {
                    found.put(new Key(rs.getString("source"), rs.getString("idempotency_key")),
                            new Claimed(rs.getString("ledger_id"), rs.getString("fingerprint")));
                });
        return found;
    }

    /**
     * Stores the keys this transaction recorded. A key that another transaction stored since {@link #find} read
     * them, or is storing now (this waits until it ends), is not stored again: the caller must roll back what it
     * recorded under that key. Keys are inserted in one order, so that two transactions inserting some of the same
     * keys wait for each other rather than deadlock.
     *
     * @return the keys that were taken meanwhile, none if all were stored
     */
    Set<Key> keep(Map<Key, Recorded> recorded) {
        if (recorded.isEmpty()) {
            return Set.of();
        }
        List<Map.Entry<Key, Recorded>> ordered = recorded.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(Key::source)
                        .thenComparing(Key::idempotencyKey)))
                .toList();
        Set<Key> stored = jdbc.sql("""
                        insert into ingest_key (source, idempotency_key, item_type, fingerprint, ledger_id)
                        select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                        on conflict do nothing
                        returning source, idempotency_key""")
                .params(column(ordered, entry -> entry.getKey().source()),
                        column(ordered, entry -> entry.getKey().idempotencyKey()),
                        column(ordered, entry -> entry.getValue().type()),
                        column(ordered, entry -> entry.getValue().fingerprint()),
                        column(ordered, entry -> entry.getValue().ledgerId()))
                .query((rs, row) -> new Key(rs.getString(1), rs.getString(2))).set();
        Set<Key> taken = new HashSet<>(recorded.keySet());
        taken.removeAll(stored);
        return taken;
    }

    private static <T> String[] column(List<T> rows, Function<T, String> value) {
        return rows.stream().map(value).toArray(String[]::new);
    }

    record Key(String source, String idempotencyKey) {
    }

    /** What a key was recorded as. */
    record Claimed(String ledgerId, String fingerprint) {
    }

    /** What this transaction recorded under a key. */
    record Recorded(String type, String fingerprint, String ledgerId) {

        Claimed claimed() {
            return new Claimed(ledgerId, fingerprint);
        }
    }
}
