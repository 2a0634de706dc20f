package io.changeledger.query.freeze;

record FindFreezeChangesQuery(String freezeId, int page, int size) {
}
