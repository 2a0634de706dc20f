package io.changeledger.query.freeze;

import java.time.Instant;

/**
 * Freezes, the latest start first.
 *
 * @param activeAt only the freezes in effect at that moment; a lifted freeze ends when it was lifted
 */
record FindFreezesQuery(Instant activeAt, int page, int size) {
}
