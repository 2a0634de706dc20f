package io.changeledger.query.proof;

import io.changeledger.events.wire.LedgerLeaf;
import io.changeledger.proof.Digest;
import io.changeledger.proof.Node;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * Grows the stored tree over the entries held without a gap, a chunk of leaves per transaction, each transaction
 * storing the subtrees the chunk completed, the new head and the checkpoints it settled. The edge is kept in
 * memory between batches and restored from the stored subtrees when it is missing or behind the head (a restart,
 * another instance, a rolled-back transaction); the leaves are never hashed again.
 */
@Component
class LedgerTree {

    /** Leaves per transaction when catching up on a backlog, so that one transaction stays small. */
    private static final int CHUNK = 10_000;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate transaction;
    private final StoredNodes nodes;
    private final Checkpoints checkpoints;

    /** Touched by the consumer thread only. */
    private TreeExtender extender;

    LedgerTree(JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate transaction, StoredNodes nodes,
               Checkpoints checkpoints) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.transaction = transaction;
        this.nodes = nodes;
        this.checkpoints = checkpoints;
    }

    void extend() {
        try {
            boolean wholeChunk;
            do {
                wholeChunk = Boolean.TRUE.equals(transaction.execute(status -> extendByAChunk()));
            } while (wholeChunk);
        } catch (RuntimeException e) {
            extender = null;
            throw e;
        }
    }

    /** @return whether a whole chunk was appended */
    private boolean extendByAChunk() {
        record Head(long size, Digest root) {
        }
        Head head = jdbc.sql("select tree_size, root_hash from ledger_head for update")
                .query((rs, row) -> new Head(rs.getLong("tree_size"), Digest.of(rs.getBytes("root_hash"))))
                .single();
        if (extender == null || extender.size() != head.size()) {
            extender = TreeExtender.restore(head.size(), nodes.oneByOne());
            if (!extender.root().equals(head.root())) {
                throw new IllegalStateException("the stored subtrees of the tree of size " + head.size()
                        + " make root " + extender.root() + ", the stored head says " + head.root()
                        + ": the query side's copy of the tree is damaged");
            }
        }
        List<LedgerLeaf> leaves = jdbc.sql("""
                        select sequence, leaf_hash from ledger_entry where sequence >= ?
                        order by sequence limit ?""")
                .params(head.size(), CHUNK)
                .query((rs, row) -> new LedgerLeaf(rs.getLong("sequence"), Digest.of(rs.getBytes("leaf_hash"))))
                .list();
        List<Node> completed = extender.extend(leaves);
        batch.batchUpdate("insert into ledger_node (level, node_index, hash) values (?, ?, ?)",
                completed.stream().map(node -> new Object[]{node.level(), node.index(), node.hash().bytes()})
                        .toList());
        if (extender.size() > head.size()) {
            jdbc.sql("update ledger_head set tree_size = ?, root_hash = ?, updated_at = now()")
                    .params(extender.size(), extender.root().bytes()).update();
        }
        checkpoints.compare(extender.size(), extender.root());
        return extender.size() - head.size() == CHUNK;
    }
}
