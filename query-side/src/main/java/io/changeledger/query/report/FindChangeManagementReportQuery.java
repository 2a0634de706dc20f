package io.changeledger.query.report;

import java.time.Instant;
import java.util.List;

/**
 * The change-management report over the production changes that happened in [from, to).
 *
 * @param services       the services in scope; empty for all
 * @param environments   the environments in scope; empty for all production environments
 * @param asOf           answer from what the ledger had recorded by then; null for everything it holds now
 * @param mappingVersion the framework mapping to state
 * @param exceptionLimit the most exceptions listed per check
 */
record FindChangeManagementReportQuery(Instant from, Instant to, List<String> services, List<String> environments,
                                       Instant asOf, String mappingVersion, int exceptionLimit) {
}
