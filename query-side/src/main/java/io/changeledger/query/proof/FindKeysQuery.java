package io.changeledger.query.proof;

/** Every key that signed a checkpoint this side received, the most recently used first. */
record FindKeysQuery() {
}
