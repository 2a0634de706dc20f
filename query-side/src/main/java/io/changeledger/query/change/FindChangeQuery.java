package io.changeledger.query.change;

import java.time.Instant;

/**
 * @param knownAt answer from what the ledger had recorded by then; null for everything it holds now
 */
public record FindChangeQuery(String changeId, Instant knownAt) {
}
