package io.changeledger.command.ingest;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The durable idempotency keys; every method joins the caller's transaction. The keys of a transaction's items are
 * claimed, and their ledger ids stored, in one statement each: a statement per item cost the database more than the
 * rows did.
 */
@Component
class IngestKeys {

    private final JdbcTemplate jdbc;

    IngestKeys(JdbcTemplate jdbc) {
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
        Set<Key> claimedNow = new HashSet<>(jdbc.query((Connection connection) -> {
            PreparedStatement statement = connection.prepareStatement("""
                    insert into ingest_key (source, idempotency_key, item_type, fingerprint)
                    select * from unnest(?::text[], ?::text[], ?::text[], ?::text[])
                    on conflict do nothing
                    returning source, idempotency_key""");
            array(statement, 1, connection, ordered.stream().map(claim -> claim.key().source()));
            array(statement, 2, connection, ordered.stream().map(claim -> claim.key().idempotencyKey()));
            array(statement, 3, connection, ordered.stream().map(Claim::type));
            array(statement, 4, connection, ordered.stream().map(Claim::fingerprint));
            return statement;
        }, (rs, row) -> new Key(rs.getString(1), rs.getString(2))));
        List<Key> before = ordered.stream().map(Claim::key).filter(key -> !claimedNow.contains(key)).distinct()
                .toList();
        if (before.isEmpty()) {
            return Map.of();
        }
        Map<Key, Claimed> found = new HashMap<>();
        jdbc.query((Connection connection) -> {
            PreparedStatement statement = connection.prepareStatement("""
                    select source, idempotency_key, ledger_id, fingerprint from ingest_key
                    where (source, idempotency_key) in (select * from unnest(?::text[], ?::text[]))""");
            array(statement, 1, connection, before.stream().map(Key::source));
            array(statement, 2, connection, before.stream().map(Key::idempotencyKey));
            return statement;
        }, rs -> {
            found.put(new Key(rs.getString("source"), rs.getString("idempotency_key")),
                    new Claimed(rs.getString("ledger_id"), rs.getString("fingerprint")));
        });
        return found;
    }

    /** Stores what the keys claimed in this transaction were recorded as. */
    void recorded(Map<Key, String> ledgerIds) {
        if (ledgerIds.isEmpty()) {
            return;
        }
        List<Map.Entry<Key, String>> entries = List.copyOf(ledgerIds.entrySet());
        jdbc.update((Connection connection) -> {
            PreparedStatement statement = connection.prepareStatement("""
                    update ingest_key k set ledger_id = v.ledger_id
                    from unnest(?::text[], ?::text[], ?::text[]) as v (source, idempotency_key, ledger_id)
                    where k.source = v.source and k.idempotency_key = v.idempotency_key""");
            array(statement, 1, connection, entries.stream().map(entry -> entry.getKey().source()));
            array(statement, 2, connection, entries.stream().map(entry -> entry.getKey().idempotencyKey()));
            array(statement, 3, connection, entries.stream().map(Map.Entry::getValue));
            return statement;
        });
    }

    private static void array(PreparedStatement statement, int index, Connection connection,
                              Stream<String> values) throws SQLException {
        statement.setArray(index, connection.createArrayOf("text", values.toArray(String[]::new)));
    }

    record Key(String source, String idempotencyKey) {
    }

    record Claim(Key key, String type, String fingerprint) {
    }

    record Claimed(String ledgerId, String fingerprint) {
    }
}
