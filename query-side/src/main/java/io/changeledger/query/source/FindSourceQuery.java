package io.changeledger.query.source;

record FindSourceQuery(String name) {
}
