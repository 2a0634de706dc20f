package io.changeledger.proof.format;

import java.util.List;

/**
 * That the entry at {@code sequence} is leaf {@code sequence} of the tree of {@code treeSize} leaves.
 *
 * @param path hexadecimal SHA-256 values, bottom-up, in the order of RFC 9162 section 2.1.3.1
 */
public record InclusionProof(long sequence, long treeSize, List<String> path) {

    public InclusionProof {
        path = path == null ? List.of() : List.copyOf(path);
    }
}
