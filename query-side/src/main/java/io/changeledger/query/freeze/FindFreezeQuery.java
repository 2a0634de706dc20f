package io.changeledger.query.freeze;

record FindFreezeQuery(String freezeId) {
}
