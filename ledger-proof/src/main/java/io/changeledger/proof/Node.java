package io.changeledger.proof;

/**
 * A complete subtree: the hash of the {@code 2^level} leaves from {@code index * 2^level} on. Level 0 is a leaf.
 * Once complete, a subtree never changes, so it can be stored once and read for any later tree size.
 */
public record Node(int level, long index, Digest hash) {

    public Node {
        if (level < 0 || level > 62 || index < 0) {
            throw new IllegalArgumentException("no subtree at level " + level + ", index " + index);
        }
    }

    public long firstLeaf() {
        return index << level;
    }
}
