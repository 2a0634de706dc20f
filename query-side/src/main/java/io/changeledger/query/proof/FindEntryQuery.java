package io.changeledger.query.proof;

record FindEntryQuery(long sequence) {
}
