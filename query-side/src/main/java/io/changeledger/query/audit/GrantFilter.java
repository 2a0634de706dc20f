package io.changeledger.query.audit;

import java.time.Instant;

/**
 * Which grants of access are in a population; every part is optional.
 *
 * @param from    earliest occurred-at (requested, or assigned for standing access), inclusive
 * @param to      latest occurred-at, exclusive
 * @param system  the production system; a change's service is the access system
 * @param kind    REQUESTED, BREAK_GLASS or STANDING
 * @param knownAt only grants the ledger had recorded by then
 */
record GrantFilter(Instant from, Instant to, String system, String principal, String role, GrantKind kind,
                   Boolean privileged, Instant knownAt) {

    enum GrantKind { REQUESTED, BREAK_GLASS, STANDING }

    GrantFilter at(Instant moment) {
        return new GrantFilter(from, to, system, principal, role, kind, privileged, moment);
    }
}
