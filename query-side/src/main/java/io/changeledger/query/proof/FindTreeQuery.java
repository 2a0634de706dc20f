package io.changeledger.query.proof;

record FindTreeQuery() {
}
