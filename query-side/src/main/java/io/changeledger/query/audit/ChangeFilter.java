package io.changeledger.query.audit;

import io.changeledger.events.change.ChangeKind;

import java.time.Instant;

/**
 * Which changes are in a population; every part is optional.
 *
 * @param from    earliest occurred-at, inclusive
 * @param to      latest occurred-at, exclusive
 * @param knownAt only changes the ledger had recorded by then, so that a population asked for again later is the
 *                same even if changes of that period were reported late
 */
record ChangeFilter(Instant from, Instant to, String service, String environment, ChangeKind kind,
                    Instant knownAt) {

    ChangeFilter at(Instant moment) {
        return new ChangeFilter(from, to, service, environment, kind, moment);
    }
}
