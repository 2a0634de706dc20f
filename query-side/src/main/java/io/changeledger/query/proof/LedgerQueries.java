package io.changeledger.query.proof;

import io.changeledger.proof.Digest;
import io.changeledger.query.jdbc.Paging;
import io.changeledger.query.jdbc.Params;
import io.changeledger.query.jdbc.Rows;
import io.changeledger.query.jdbc.Snapshot;
import io.changeledger.query.proof.ProofUnavailable.Reason;
import io.changeledger.query.web.Page;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Component
class LedgerQueries {

    static final RowMapper<CheckpointView> CHECKPOINT = (rs, row) -> new CheckpointView(
            rs.getString("origin"), rs.getLong("tree_size"), Digest.of(rs.getBytes("root_hash")).hex(),
            Instant.parse(rs.getString("signed_time")), rs.getString("key_id"), rs.getString("signature"),
            Rows.enumeration(rs, "status", CheckpointStatus.class), Rows.instant(rs, "received_at"),
            Rows.instant(rs, "checked_at"));

    private static final String NEWEST_FIRST = "signed_at desc, checkpoint_id desc";

    private final JdbcClient jdbc;
    private final Snapshot snapshot;
    private final StoredNodes nodes;

    LedgerQueries(JdbcClient jdbc, Snapshot snapshot, StoredNodes nodes) {
        this.jdbc = jdbc;
        this.snapshot = snapshot;
        this.nodes = nodes;
    }

    Page<CheckpointView> handle(FindCheckpointsQuery query) {
        Params params = new Params().text("status", query.status());
        String from = " from ledger_checkpoint" + (query.status() == null ? "" : " where status = :status");
        return snapshot.read(() -> Paging.page(jdbc, "*", from, NEWEST_FIRST, params, query.page(), query.size(),
                CHECKPOINT));
    }

    Optional<CheckpointView> handle(FindCheckpointQuery query) {
        return snapshot.read(() -> jdbc.sql("""
                        select * from ledger_checkpoint where tree_size = ?
                        order by status = 'VERIFIED' desc, signed_at desc, checkpoint_id desc limit 1""")
                .param(query.treeSize()).query(CHECKPOINT).optional());
    }

    Optional<CheckpointView> handle(FindLatestCheckpointQuery query) {
        return snapshot.read(this::latestVerified);
    }

    Optional<EntryView> handle(FindEntryQuery query) {
        return snapshot.read(() -> entry("sequence = ?", query.sequence()));
    }

    Optional<EntryView> handle(FindEventEntryQuery query) {
        return snapshot.read(() -> entry("event_id = ?", query.eventId()));
    }

    /**
     * @return empty if no entry has that sequence or event id
     * @throws ProofUnavailable if the tree is not (yet) large enough, or the entry is not in the tree asked for
     */
    Optional<InclusionProof> handle(FindInclusionProofQuery query) {
        return snapshot.read(() -> answer(query));
    }

    private Optional<InclusionProof> answer(FindInclusionProofQuery query) {
        Optional<EntryView> found = query.eventId() != null
                ? entry("event_id = ?", query.eventId()) : entry("sequence = ?", query.sequence());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        EntryView entry = found.get();
        CheckpointView checkpoint;
        long treeSize;
        if (query.treeSize() == null) {
            checkpoint = latestVerified().orElseThrow(() -> new ProofUnavailable(Reason.NO_VERIFIED_CHECKPOINT,
                    "No checkpoint is verified yet; ask for a treeSize up to " + treeSize()));
            treeSize = checkpoint.treeSize();
            if (entry.sequence() >= treeSize) {
                throw new ProofUnavailable(Reason.TREE_NOT_REACHED, "Sequence " + entry.sequence()
                        + " is not in the latest verified checkpoint, of size " + treeSize + ", yet");
            }
        } else {
            treeSize = query.treeSize();
            requireReached(treeSize);
            if (entry.sequence() >= treeSize) {
                throw new ProofUnavailable(Reason.OUT_OF_RANGE, "treeSize", "Sequence " + entry.sequence()
                        + " is not in a tree of size " + treeSize);
            }
            checkpoint = verified(treeSize).orElse(null);
        }
        record Computed(List<Digest> path, Digest root) {
        }
        Computed computed = nodes.compute(proofs -> new Computed(proofs.inclusion(entry.sequence(), treeSize),
                proofs.root(treeSize)));
        return Optional.of(new InclusionProof(entry.sequence(), treeSize, entry.leafHash(), computed.root().hex(),
                hex(computed.path()), checkpoint));
    }

    /** @throws ProofUnavailable if the tree has not reached {@code toSize} */
    ConsistencyProof handle(FindConsistencyProofQuery query) {
        return snapshot.read(() -> {
            requireReached(query.toSize());
            record Computed(List<Digest> path, Digest fromRoot, Digest toRoot) {
            }
            Computed computed = nodes.compute(proofs -> new Computed(
                    proofs.consistency(query.fromSize(), query.toSize()), proofs.root(query.fromSize()),
                    proofs.root(query.toSize())));
            return new ConsistencyProof(query.fromSize(), query.toSize(), computed.fromRoot().hex(),
                    computed.toRoot().hex(), hex(computed.path()));
        });
    }

    List<KeyView> handle(FindKeysQuery query) {
        return snapshot.read(() -> jdbc.sql("""
                        select k.key_id, k.public_key_pem, min(c.signed_at) as first_at, max(c.signed_at) as last_at,
                               count(c.checkpoint_id) as checkpoints
                        from ledger_key k left join ledger_checkpoint c on c.key_id = k.key_id
                        group by k.key_id, k.public_key_pem
                        order by max(c.signed_at) desc nulls last, k.key_id""")
                .query((rs, row) -> new KeyView(rs.getString("key_id"), rs.getString("public_key_pem"),
                        Rows.instant(rs, "first_at"), Rows.instant(rs, "last_at"), rs.getLong("checkpoints")))
                .list());
    }

    TreeView handle(FindTreeQuery query) {
        return snapshot.read(() -> {
            CheckpointView latest = jdbc.sql("""
                            select * from ledger_checkpoint
                            order by tree_size desc, signed_at desc, checkpoint_id desc limit 1""")
                    .query(CHECKPOINT).optional().orElse(null);
            return jdbc.sql("select tree_size, root_hash, updated_at from ledger_head")
                    .query((rs, row) -> new TreeView(rs.getLong("tree_size"),
                            Digest.of(rs.getBytes("root_hash")).hex(), Rows.instant(rs, "updated_at"), latest))
                    .single();
        });
    }

    /** Inside a snapshot. */
    Optional<EntryView> entry(UUID eventId) {
        return entry("event_id = ?", eventId);
    }

    private Optional<EntryView> entry(String condition, Object value) {
        return jdbc.sql("""
                        select e.sequence, e.event_id, e.leaf_hash, e.entry, e.received_at,
                               e.sequence < h.tree_size as in_tree
                        from ledger_entry e cross join ledger_head h where e.""" + condition)
                .param(value)
                .query((rs, row) -> new EntryView(rs.getLong("sequence"), rs.getObject("event_id", UUID.class),
                        Digest.of(rs.getBytes("leaf_hash")).hex(),
                        new String(rs.getBytes("entry"), StandardCharsets.UTF_8), rs.getBoolean("in_tree"),
                        Rows.instant(rs, "received_at")))
                .optional();
    }

    /** Inside a snapshot. */
    Optional<CheckpointView> latestVerified() {
        return jdbc.sql("""
                        select * from ledger_checkpoint where status = 'VERIFIED'
                        order by tree_size desc, signed_at desc, checkpoint_id desc limit 1""")
                .query(CHECKPOINT).optional();
    }

    /** Inside a snapshot. */
    Optional<CheckpointView> verified(long treeSize) {
        return jdbc.sql("""
                        select * from ledger_checkpoint where status = 'VERIFIED' and tree_size = ?
                        order by signed_at desc, checkpoint_id desc limit 1""")
                .param(treeSize).query(CHECKPOINT).optional();
    }

    /** Inside a snapshot. */
    long treeSize() {
        return jdbc.sql("select tree_size from ledger_head").query(Long.class).single();
    }

    /** Inside a snapshot. */
    void requireReached(long size) {
        long treeSize = treeSize();
        if (size > treeSize) {
            throw new ProofUnavailable(Reason.TREE_NOT_REACHED, "The tree has " + treeSize
                    + " leaves so far, not " + size);
        }
    }

    static List<String> hex(List<Digest> path) {
        return path.stream().map(Digest::hex).toList();
    }
}
