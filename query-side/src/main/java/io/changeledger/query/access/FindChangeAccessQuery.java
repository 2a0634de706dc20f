package io.changeledger.query.access;

public record FindChangeAccessQuery(String changeId) {
}
