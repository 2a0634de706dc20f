package io.changeledger.query.access;

import io.changeledger.events.change.Control;

import java.time.Instant;

/**
 * Violations of the access controls, newest first; every filter is optional.
 *
 * @param open true: not remedied (now); false: remedied
 * @param from earliest occurred-at of the violation, inclusive
 * @param to   latest occurred-at of the violation, exclusive
 */
record FindAccessViolationsQuery(Boolean open, Control control, String system, Instant from, Instant to, int page,
                                 int size) {
}
