package io.changeledger.query.access;

import java.time.Instant;
import java.util.List;

/**
 * How the access matrix changed between two instants, each list in the matrix's order.
 *
 * @param added   entries at {@code to} that were not at {@code from}
 * @param removed entries at {@code from} that are not at {@code to}
 * @param changed entries at both whose grants, end or break-glass access differ
 */
record AccessDiff(Instant from, Instant to, List<AccessMatrix.Entry> added, List<AccessMatrix.Entry> removed,
                  List<Changed> changed) {

    record Changed(String system, String principal, String role, AccessMatrix.Entry before,
                   AccessMatrix.Entry after) {
    }
}
