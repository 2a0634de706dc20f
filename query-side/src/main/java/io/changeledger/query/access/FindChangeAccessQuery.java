package io.changeledger.query.access;

record FindChangeAccessQuery(String changeId) {
}
