package io.changeledger.query.proof;

import io.changeledger.events.wire.LedgerLeaf;
import io.changeledger.proof.CompactTree;
import io.changeledger.proof.Digest;
import io.changeledger.proof.Node;
import io.changeledger.proof.NodeSource;

import java.util.ArrayList;
import java.util.List;

/**
 * The right edge of the query side's tree, grown over the ledger sequences held without a gap from zero. Leaves
 * arrive out of order (three partitions, redeliveries); one after a gap waits, stored, until the gap is filled,
 * since a leaf's position is its sequence and the tree cannot skip one.
 */
final class TreeExtender {

    private final CompactTree tree;

    private TreeExtender(CompactTree tree) {
        this.tree = tree;
    }

    static TreeExtender empty() {
        return new TreeExtender(new CompactTree());
    }

    /** The tree of that size again from its stored subtrees, without reading a leaf. */
    static TreeExtender restore(long size, NodeSource nodes) {
        return new TreeExtender(CompactTree.restore(size, nodes));
    }

    long size() {
        return tree.size();
    }

    Digest root() {
        return tree.root();
    }

    /**
     * @param leaves stored leaves from sequence {@link #size()} on, in sequence order
     * @return the subtrees of level 1 and above that the appended leaves completed, to be stored
     */
    List<Node> extend(List<LedgerLeaf> leaves) {
        List<Node> completed = new ArrayList<>();
        for (LedgerLeaf leaf : leaves) {
            if (leaf.sequence() < tree.size()) {
                throw new IllegalArgumentException("leaf " + leaf.sequence() + " is already in the tree of size "
                        + tree.size());
            }
            if (leaf.sequence() > tree.size()) {
                break;
            }
            completed.addAll(tree.append(leaf.hash()));
        }
        return completed;
    }
}
