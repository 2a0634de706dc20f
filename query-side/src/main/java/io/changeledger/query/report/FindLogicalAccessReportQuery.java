package io.changeledger.query.report;

import java.time.Instant;
import java.util.List;

/**
 * The logical-access report over the grants asked for, taken or assigned in [from, to) and the access reviews due
 * in it.
 *
 * @param systems        the systems in scope; empty for all
 * @param asOf           answer from what the ledger had recorded by then; null for everything it holds now
 * @param mappingVersion the framework mapping to state
 * @param listLimit      the most grants and exceptions per check listed
 */
record FindLogicalAccessReportQuery(Instant from, Instant to, List<String> systems, Instant asOf,
                                    String mappingVersion, int listLimit) {
}
