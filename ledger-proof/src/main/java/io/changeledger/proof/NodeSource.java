package io.changeledger.proof;

/** Where complete subtrees are read from when a root or a proof is computed: memory, or a database table. */
@FunctionalInterface
public interface NodeSource {

    /**
     * @return the hash of the complete subtree at {@code level} with {@code index}, level 0 being the leaves
     * @throws IllegalStateException if that subtree is not (yet) complete in this source
     */
    Digest node(int level, long index);
}
