package io.changeledger.query.incident;

import java.time.Instant;

/**
 * Incidents, the latest reported first; every filter is optional. An incident whose report has not reached the
 * read model yet is placed, and filtered by time, by its resolution.
 *
 * @param open true: not resolved; false: resolved
 * @param from earliest report, inclusive
 * @param to   latest report, exclusive
 */
record FindIncidentsQuery(String service, String environment, Boolean open, Instant from, Instant to, int page,
                          int size) {
}
