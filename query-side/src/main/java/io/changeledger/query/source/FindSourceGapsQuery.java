package io.changeledger.query.source;

import java.time.Instant;

/**
 * Sequence gaps newest first; every filter is optional.
 *
 * @param source only the gaps of the source of that name, registered or not
 * @param from   earliest detection, inclusive
 * @param to     latest detection, exclusive
 */
record FindSourceGapsQuery(String source, Instant from, Instant to, int page, int size) {
}
