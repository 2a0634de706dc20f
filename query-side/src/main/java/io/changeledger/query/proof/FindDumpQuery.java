package io.changeledger.query.proof;

/**
 * The whole ledger up to a tree size, as NDJSON.
 *
 * @param treeSize null: the size of the latest verified checkpoint
 */
record FindDumpQuery(Long treeSize) {
}
