package io.changeledger.query.freeze;

import java.time.Instant;
import java.util.List;

/**
 * A change freeze.
 *
 * @param services     the services it covers; empty means all
 * @param environments the environments it covers; empty means all
 * @param startsAt     start of the declared window, inclusive
 * @param endsAt       end of the declared window, exclusive
 * @param effectiveEnd when the freeze really ends: the declared end, or when it was lifted if that was earlier
 */
record FreezeView(String id, List<String> services, List<String> environments, Instant startsAt, Instant endsAt,
                  Instant effectiveEnd, String reason, String declaredBy, Instant occurredAt, Instant recordedAt,
                  boolean lifted, Instant liftedAt, String liftedBy, String liftReason) {
}
