package io.changeledger.query.change;

import java.time.Instant;

/**
 * Changes newest first; every filter is optional.
 *
 * @param from earliest occurred-at, inclusive
 * @param to   latest occurred-at, exclusive
 */
public record FindChangesQuery(String service, String environment, Instant from, Instant to, int page, int size) {
}
