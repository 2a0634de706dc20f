package io.changeledger.command.ingest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The durable idempotency keys; every method joins the caller's transaction. The keys of a transaction's items are
 * claimed, and their ledger ids stored, in one statement each: a statement per item cost the database more than the
 * rows did.
 */
@Component
class IngestKeys {

    private final JdbcClient jdbc;

    IngestKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the keys for these items. A concurrent claim of the same key waits here until the other transaction
     * ends, then finds its key if it committed. Keys are claimed in one order, so that two transactions claiming
     * some of the same keys wait for each other rather than deadlock.
     *
     * @return the keys that were claimed before this call, as they were claimed; a key given twice here is claimed
     *         by this call, and so is not among them
     */
    Map<Key, Claimed> claim(List<Claim> claims) {
        if (claims.isEmpty()) {
            return Map.of();
        }
        List<Claim> ordered = claims.stream().sorted(Comparator.comparing((Claim claim) -> claim.key().source())
                .thenComparing(claim -> claim.key().idempotencyKey())).toList();
        Set<Key> claimedNow = jdbc.sql("""
                        insert into ingest_key (source, idempotency_key, item_type, fingerprint)
                        select * from unnest(?::text[], ?::text[], ?::text[], ?::text[])
                        on conflict do nothing
                        returning source, idempotency_key""")
                .params(column(ordered, claim -> claim.key().source()),
                        column(ordered, claim -> claim.key().idempotencyKey()), column(ordered, Claim::type),
                        column(ordered, Claim::fingerprint))
                .query((rs, row) -> new Key(rs.getString(1), rs.getString(2))).set();
        List<Key> before = ordered.stream().map(Claim::key).filter(key -> !claimedNow.contains(key)).distinct()
                .toList();
        if (before.isEmpty()) {
            return Map.of();
        }
        Map<Key, Claimed> found = new HashMap<>();
        jdbc.sql("""
                        select source, idempotency_key, ledger_id, fingerprint from ingest_key
                        where (source, idempotency_key) in (select * from unnest(?::text[], ?::text[]))""")
                .params(column(before, Key::source), column(before, Key::idempotencyKey))
                .query(rs -> {
                    found.put(new Key(rs.getString("source"), rs.getString("idempotency_key")),
                            new Claimed(rs.getString("ledger_id"), rs.getString("fingerprint")));
                });
        return found;
    }

    /** Stores what the keys this transaction claimed were recorded as. */
    void recorded(Map<Key, Claimed> claimed) {
        if (claimed.isEmpty()) {
            return;
        }
        List<Map.Entry<Key, Claimed>> entries = List.copyOf(claimed.entrySet());
        jdbc.sql("""
                        update ingest_key k set ledger_id = v.ledger_id
                        from unnest(?::text[], ?::text[], ?::text[]) as v (source, idempotency_key, ledger_id)
                        where k.source = v.source and k.idempotency_key = v.idempotency_key""")
                .params(column(entries, entry -> entry.getKey().source()),
                        column(entries, entry -> entry.getKey().idempotencyKey()),
                        column(entries, entry -> entry.getValue().ledgerId()))
                .update();
    }

    private static <T> String[] column(List<T> rows, Function<T, String> value) {
        return rows.stream().map(value).toArray(String[]::new);
    }

    record Key(String source, String idempotencyKey) {
    }

    record Claim(Key key, String type, String fingerprint) {
    }

    record Claimed(String ledgerId, String fingerprint) {
    }
}
