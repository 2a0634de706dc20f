package io.changeledger.query.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One audited request as the outbox keeps it until the ledger has it.
 *
 * @param requestId     the idempotency key of its record, and the ledger's id of the request
 * @param authenticated false while the auditor is only what a header claimed
 * @param rowCount      the items of the answer, where the API's answer says
 */
record AuditorRequest(UUID requestId, String auditor, boolean authenticated, String method, String path,
                      String query, int status, Integer rowCount, long durationMillis, String clientAddress,
                      Instant requestedAt) {
}
