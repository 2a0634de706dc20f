package io.changeledger.query.proof;

/** The verified checkpoint of the largest size. */
record FindLatestCheckpointQuery() {
}
