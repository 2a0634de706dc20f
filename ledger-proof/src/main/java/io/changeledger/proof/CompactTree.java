package io.changeledger.proof;

import java.util.ArrayList;
import java.util.List;

/**
 * The right edge of a Merkle tree: one complete subtree per set bit of the size, at most 64 hashes. Appending a
 * leaf merges equal-sized subtrees, O(log n), and names the subtrees it completed so that a caller can store
 * them; the root is folded from the edge. Not thread-safe: one writer appends.
 */
public final class CompactTree {

    /** Hashes of the edge's subtrees, largest (leftmost) first. */
    private final List<Digest> edge = new ArrayList<>();
    private long size;

    public CompactTree() {
    }

    /** The edge of a tree of {@code size} leaves, read from complete subtrees that were stored as they completed. */
    public static CompactTree restore(long size, NodeSource nodes) {
        CompactTree tree = new CompactTree();
        long start = 0;
        for (int level = 63; level >= 0; level--) {
            if ((size & (1L << level)) != 0) {
                tree.edge.add(nodes.node(level, start >> level));
                start += 1L << level;
            }
        }
        tree.size = size;
        return tree;
    }

    public long size() {
        return size;
    }

    /**
     * Appends a leaf.
     *
     * @return the subtrees of level 1 and above that this leaf completed, lowest first (the leaf itself excluded)
     */
    public List<Node> append(Digest leaf) {
        List<Node> completed = new ArrayList<>(2);
        Digest merged = leaf;
        long index = size;
        int level = 0;
        while ((size & (1L << level)) != 0) {
            merged = Hashes.node(edge.remove(edge.size() - 1), merged);
            level++;
            index >>= 1;
            completed.add(new Node(level, index, merged));
        }
        edge.add(merged);
        size++;
        return completed;
    }

    public Digest root() {
        if (edge.isEmpty()) {
            return Hashes.EMPTY_ROOT;
        }
        Digest root = edge.get(edge.size() - 1);
        for (int i = edge.size() - 2; i >= 0; i--) {
            root = Hashes.node(edge.get(i), root);
        }
        return root;
    }

    public CompactTree copy() {
        CompactTree copy = new CompactTree();
        copy.edge.addAll(edge);
        copy.size = size;
        return copy;
    }
}
