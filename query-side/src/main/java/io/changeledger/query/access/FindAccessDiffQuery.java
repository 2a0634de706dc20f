package io.changeledger.query.access;

import java.time.Instant;

/** How the access matrix at {@code to} differs from the one at {@code from}; the filters are optional. */
record FindAccessDiffQuery(Instant from, Instant to, String system, String principal, String role) {
}
