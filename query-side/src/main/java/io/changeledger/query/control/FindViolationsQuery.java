package io.changeledger.query.control;

import io.changeledger.events.change.Control;

import java.time.Instant;

/**
 * Control violations newest first; every filter is optional.
 *
 * @param open    true: not resolved (by {@code knownAt}, if given); false: resolved
 * @param from    earliest occurred-at of the violation, inclusive
 * @param to      latest occurred-at of the violation, exclusive
 * @param knownAt answer from what the ledger had recorded by then
 */
record FindViolationsQuery(Boolean open, Control control, String service, String environment, Instant from,
                           Instant to, Instant knownAt, int page, int size) {
}
