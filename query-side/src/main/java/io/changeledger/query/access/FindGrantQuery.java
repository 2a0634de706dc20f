package io.changeledger.query.access;

public record FindGrantQuery(String grantId) {
}
