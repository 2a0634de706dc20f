package io.changeledger.query.proof;

record FindConsistencyProofQuery(long fromSize, long toSize) {
}
