package io.changeledger.query.export;

import java.time.Instant;
import java.util.Map;

/**
 * @param filters column → value, each an equality on the population's rows; absent filters are left out
 * @param to      exclusive
 */
record ExportRequest(Population population, Instant from, Instant to, Map<String, String> filters,
                     ExportFormat format) {

    ExportRequest {
        filters = Map.copyOf(filters);
    }
}
