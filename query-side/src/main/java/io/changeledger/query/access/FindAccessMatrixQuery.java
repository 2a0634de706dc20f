package io.changeledger.query.access;

import java.time.Instant;

/**
 * Who could touch which system at an instant; every filter is optional.
 *
 * @param breakGlass     only break-glass grants (true) or only the others (false)
 * @param privileged     only privileged grants (true) or only the others (false)
 * @param knownAt        answer from what the ledger had recorded by then: grants granted later, and ends recorded
 *                       later, are left out
 * @param includeHistory each grant with its history
 */
record FindAccessMatrixQuery(Instant at, String system, String principal, String role, Boolean breakGlass,
                             Boolean privileged, Instant knownAt, boolean includeHistory, int page, int size) {
}
