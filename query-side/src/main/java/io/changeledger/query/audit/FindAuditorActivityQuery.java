package io.changeledger.query.audit;

import java.time.Instant;

/**
 * The requests of auditors, oldest first; every filter is optional.
 *
 * @param from  earliest arrival, inclusive
 * @param to    latest arrival, exclusive
 * @param after the last request of the previous page; null for the first
 */
record FindAuditorActivityQuery(String auditor, Instant from, Instant to, Cursor after, int limit) {
}
