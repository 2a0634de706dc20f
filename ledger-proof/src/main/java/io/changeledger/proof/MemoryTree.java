package io.changeledger.proof;

import java.util.ArrayList;
import java.util.List;

/**
 * A whole tree in memory, every complete subtree kept: a source of proofs for any size up to the current one.
 * About 64 bytes per leaf; for tests, the verifier and bounded exports, not for the server's hot path.
 */
public final class MemoryTree implements NodeSource {

    private final List<List<Digest>> levels = new ArrayList<>();
    private final CompactTree edge = new CompactTree();

    public void append(Digest leaf) {
        level(0).add(leaf);
        for (Node node : edge.append(leaf)) {
            level(node.level()).add(node.hash());
        }
    }

    public long size() {
        return edge.size();
    }

    public Digest root() {
        return edge.root();
    }

    public Digest leaf(long index) {
        return node(0, index);
    }

    public MerkleProofs proofs() {
        return new MerkleProofs(this);
    }

    @Override
    public Digest node(int level, long index) {
        if (level >= levels.size() || index >= levels.get(level).size()) {
            throw new IllegalStateException("subtree at level " + level + ", index " + index
                    + " is not complete in a tree of size " + size());
        }
        return levels.get(level).get((int) index);
    }

    private List<Digest> level(int level) {
        while (levels.size() <= level) {
            levels.add(new ArrayList<>());
        }
        return levels.get(level);
    }
}
