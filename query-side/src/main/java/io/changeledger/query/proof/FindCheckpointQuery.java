package io.changeledger.query.proof;

/** The checkpoint of that size: the latest verified one, or else the latest signed. */
record FindCheckpointQuery(long treeSize) {
}
