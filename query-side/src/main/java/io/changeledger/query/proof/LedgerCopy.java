package io.changeledger.query.proof;

import io.changeledger.events.wire.LedgerLeaf;
import io.changeledger.events.wire.LedgerRecordCodec;
import io.changeledger.proof.Digest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The query side's copy of the ledger, fed by the consumer: each event's entry at its sequence and the signed
 * checkpoints inside the batch's transaction, the tree grown over them after it commits.
 */
@Component
public class LedgerCopy {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final Checkpoints checkpoints;
    private final LedgerTree tree;

    LedgerCopy(JdbcClient jdbc, JdbcTemplate batch, Checkpoints checkpoints, LedgerTree tree) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.checkpoints = checkpoints;
        this.tree = tree;
    }

    /** An event record that {@link LedgerRecordCodec#decode} accepted, which checked its leaf hash. */
    public record Received(ConsumerRecord<String, byte[]> record, LedgerRecordCodec.Decoded decoded) {
    }

    /**
     * Stores the entries of a polled batch's events in one statement, inside the batch's transaction (executed row
     * by row, as a JDBC batch still is, the statement cost the database more than the rows did). The same event at
     * the same sequence again changes nothing.
     *
     * @return for each event, in order, why its record must be parked instead: its sequence holds another event,
     *         or its event is held at another sequence; the ledger's history is never overwritten
     */
    public List<Optional<String>> keep(List<Received> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        Long[] sequences = new Long[events.size()];
        UUID[] eventIds = new UUID[events.size()];
        byte[][] leaves = new byte[events.size()][];
        byte[][] entries = new byte[events.size()][];
        Integer[] partitions = new Integer[events.size()];
        Long[] offsets = new Long[events.size()];
        for (int i = 0; i < events.size(); i++) {
            Received event = events.get(i);
            sequences[i] = event.decoded().leaf().sequence();
            eventIds[i] = event.decoded().envelope().eventId();
            leaves[i] = event.decoded().leaf().hash().bytes();
            entries[i] = event.decoded().canonicalEntry();
            partitions[i] = event.record().partition();
            offsets[i] = event.record().offset();
        }
        Set<Long> stored = new HashSet<>(batch.query((Connection connection) -> {
            PreparedStatement statement = connection.prepareStatement("""
                    insert into ledger_entry (sequence, event_id, leaf_hash, entry, kafka_partition, kafka_offset)
                    select * from unnest(?::bigint[], ?::uuid[], ?::bytea[], ?::bytea[], ?::int[], ?::bigint[])
                    on conflict do nothing
                    returning sequence""");
            statement.setArray(1, connection.createArrayOf("int8", sequences));
            statement.setArray(2, connection.createArrayOf("uuid", eventIds));
            statement.setArray(3, connection.createArrayOf("bytea", leaves));
            statement.setArray(4, connection.createArrayOf("bytea", entries));
            statement.setArray(5, connection.createArrayOf("int4", partitions));
            statement.setArray(6, connection.createArrayOf("int8", offsets));
            return statement;
        }, (rs, row) -> rs.getLong(1)));
        List<Optional<String>> outcomes = new ArrayList<>(events.size());
        for (Received event : events) {
            LedgerRecordCodec.Decoded decoded = event.decoded();
            // a sequence stored by this statement holds this event: two events of one batch can't share one
            outcomes.add(stored.remove(decoded.leaf().sequence()) ? Optional.empty()
                    : conflict(decoded.leaf(), decoded.envelope().eventId()));
        }
        return outcomes;
    }

    private Optional<String> conflict(LedgerLeaf leaf, UUID eventId) {
        record Held(long sequence, UUID eventId, Digest leaf) {
        }
        List<Held> held = jdbc.sql("""
                        select sequence, event_id, leaf_hash from ledger_entry where sequence = ? or event_id = ?""")
                .params(leaf.sequence(), eventId)
                .query((rs, row) -> new Held(rs.getLong("sequence"), rs.getObject("event_id", UUID.class),
                        Digest.of(rs.getBytes("leaf_hash"))))
                .list();
        if (held.equals(List.of(new Held(leaf.sequence(), eventId, leaf.hash())))) {
            return Optional.empty();
        }
        List<String> found = new ArrayList<>();
        for (Held other : held) {
            if (other.sequence() != leaf.sequence()) {
                found.add("this event is held at sequence " + other.sequence());
            } else if (other.eventId().equals(eventId)) {
                found.add("that sequence holds this event with leaf " + other.leaf());
            } else {
                found.add("that sequence holds event " + other.eventId());
            }
        }
        return Optional.of("event " + eventId + " with leaf " + leaf.hash() + " claims ledger sequence "
                + leaf.sequence() + ", but " + String.join(" and ", found));
    }

    /**
     * Stores a checkpoint inside the batch's transaction.
     *
     * @return why the record must be parked instead: not a checkpoint, or not signed by the key it names
     */
    public Optional<String> receiveCheckpoint(ConsumerRecord<String, byte[]> record) {
        return checkpoints.receive(record);
    }

    /**
     * Grows the tree over what the committed batch filled in and compares the checkpoints it reached, in
     * transactions of its own: a batch that committed stays committed if this fails, and the next batch grows the
     * tree instead.
     */
    public void extendTree() {
        tree.extend();
    }
}
