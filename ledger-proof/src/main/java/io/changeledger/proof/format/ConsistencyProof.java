package io.changeledger.proof.format;

import java.util.List;

/**
 * That the tree of {@code toSize} leaves extends the one of {@code fromSize} leaves.
 *
 * @param path hexadecimal SHA-256 values in the order of RFC 9162 section 2.1.4.1
 */
public record ConsistencyProof(long fromSize, long toSize, List<String> path) {

    public ConsistencyProof {
        path = path == null ? List.of() : List.copyOf(path);
    }
}
