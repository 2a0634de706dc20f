package io.changeledger.query.access;

record FindGrantQuery(String grantId) {
}
