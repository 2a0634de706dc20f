package io.changeledger.query.proof;

import java.util.List;

/**
 * RFC 9162's audit path of one entry in the tree of {@code treeSize} leaves, bottom-up.
 *
 * @param rootHash   the root of that tree as this side computes it
 * @param checkpoint the verified checkpoint of that size, which signs the same root; absent if there is none
 */
record InclusionProof(long sequence, long treeSize, String leafHash, String rootHash, List<String> path,
                      CheckpointView checkpoint) {
}
