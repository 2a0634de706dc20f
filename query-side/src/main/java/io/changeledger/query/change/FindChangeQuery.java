package io.changeledger.query.change;

public record FindChangeQuery(String changeId) {
}
