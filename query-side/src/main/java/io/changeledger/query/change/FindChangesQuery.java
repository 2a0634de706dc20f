package io.changeledger.query.change;

import io.changeledger.events.change.ChangeKind;
import io.changeledger.events.change.Control;

import java.time.Instant;
import java.util.Set;

/**
 * Changes newest first; every filter is optional (null, or empty for {@code violated}).
 *
 * @param actor    the requester or anyone who acted on the change
 * @param violated changes with a violation of one of these controls
 * @param from     earliest occurred-at, inclusive
 * @param to       latest occurred-at, exclusive
 * @param knownAt  answer from what the ledger had recorded by then
 */
record FindChangesQuery(ChangeKind kind, ChangeStatus status, String service, String environment, String actor,
                        Set<Control> violated, Boolean emergency, Instant from, Instant to, Instant knownAt, int page,
                        int size) {
}
