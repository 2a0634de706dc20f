package io.changeledger.query.report;

import java.time.Instant;
import java.util.List;

/**
 * DORA metrics of the production deployments that finished, and the incidents reported, in [from, to).
 *
 * @param services     the services in scope; empty for all
 * @param environments the environments in scope; empty for all
 * @param asOf         answer from what the ledger had recorded by then; null for everything it holds now
 */
record FindDoraMetricsQuery(Instant from, Instant to, List<String> services, List<String> environments,
                            Granularity granularity, Instant asOf) {
}
