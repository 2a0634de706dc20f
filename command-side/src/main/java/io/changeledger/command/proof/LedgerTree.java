package io.changeledger.command.proof;

import io.changeledger.events.wire.LedgerLeaf;
import io.changeledger.proof.CompactTree;
import io.changeledger.proof.Digest;
import io.changeledger.proof.Node;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The ledger's Merkle tree as the publisher grows it: the right edge in memory, every leaf and completed subtree
 * written in the publisher's transaction, so that the stored tree is always the one whose events Kafka has.
 * Only the publisher's thread uses it; after a rollback the edge is read again from the database.
 */
@Component
public class LedgerTree {

    /** A tree size and its root. */
    public record Head(long size, Digest root) {
    }

    /** An event that reached the events topic at a ledger position. */
    public record PublishedLeaf(UUID eventId, long globalIndex, LedgerLeaf leaf) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate ownTransaction;
    private final List<PublishedLeaf> pendingLeaves = new ArrayList<>();
    private final List<Node> pendingNodes = new ArrayList<>();
    private CompactTree tree;

    LedgerTree(JdbcClient jdbc, JdbcTemplate batch, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The sequence number the next published event gets. */
    public long nextSequence() {
        return loaded().size();
    }

    public void append(PublishedLeaf published) {
        CompactTree edge = loaded();
        if (published.leaf().sequence() != edge.size()) {
            throw new IllegalStateException("event " + published.eventId() + " has ledger sequence "
                    + published.leaf().sequence() + ", the tree expects " + edge.size());
        }
        pendingLeaves.add(published);
        pendingNodes.addAll(edge.append(published.leaf().hash()));
    }

    /** Writes the leaves and subtrees appended since the last flush, in the caller's transaction. */
    public void flush() {
        if (!pendingLeaves.isEmpty()) {
            batch.batchUpdate("insert into ledger_entry (sequence, event_id, global_index, leaf_hash) values (?, ?, ?, ?)",
                    pendingLeaves.stream().map(p -> new Object[] {p.leaf().sequence(), p.eventId().toString(),
                            p.globalIndex(), p.leaf().hash().bytes()}).toList());
        }
        if (!pendingNodes.isEmpty()) {
            batch.batchUpdate("insert into ledger_node (level, node_index, hash) values (?, ?, ?)",
                    pendingNodes.stream().map(n -> new Object[] {n.level(), n.index(), n.hash().bytes()}).toList());
        }
        pendingLeaves.clear();
        pendingNodes.clear();
    }

    public Head head() {
        CompactTree edge = loaded();
        return new Head(edge.size(), edge.root());
    }

    /** Forgets the edge and what was not flushed: the transaction that would have stored it rolled back. */
    public void discard() {
        tree = null;
        pendingLeaves.clear();
        pendingNodes.clear();
    }

    /**
     * Stores the ledger positions of events that reached Kafka in a batch whose database transaction then failed:
     * Kafka has them, so the tree must too, at the same positions. Commits on its own.
     *
     * @throws IllegalStateException if Kafka's positions do not continue the stored tree without a gap
     */
    public void catchUp(List<PublishedLeaf> published) {
        ownTransaction.executeWithoutResult(status -> {
            discard();
            CompactTree edge = loaded();
            published.stream()
                    .filter(p -> p.leaf().sequence() >= edge.size())
                    .sorted(Comparator.comparingLong(p -> p.leaf().sequence()))
                    .forEach(this::append);
            flush();
        });
        discard();
    }

    /** The stored tree's size and root, read from the database. */
    Head storedHead() {
        CompactTree stored = CompactTree.restore(storedSize(), new JdbcNodes(jdbc));
        return new Head(stored.size(), stored.root());
    }

    private CompactTree loaded() {
        if (tree == null) {
            tree = CompactTree.restore(storedSize(), new JdbcNodes(jdbc));
        }
        return tree;
    }

    private long storedSize() {
        return jdbc.sql("select coalesce(max(sequence) + 1, 0) from ledger_entry").query(Long.class).single();
    }
}
