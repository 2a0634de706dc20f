package io.changeledger.events.audit;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;

/**
 * Someone read the ledger through an audited API: the audit of the auditors.
 *
 * @param queryId        the query side's id of the request, also its idempotency key on the way to the ledger
 * @param auditor        who asked, as the query side identified them; {@code anonymous} when nobody was named
 * @param authenticated  whether {@code auditor} was proven (false while it is only what a header claimed)
 * @param query          the query string as sent, absent if there was none
 * @param status         the HTTP status of the answer
 * @param rowCount       how many items the answer held, where the API knows it
 * @param durationMillis from the request's arrival to its answer
 * @param clientAddress  the address the request came from, as the query side saw it
 * @param sourceSystem   the query-side source that reported the request
 * @param occurredAt     when the request arrived
 */
@Revision("1")
public record AuditorQueryRecorded(String queryId, String auditor, boolean authenticated, String method, String path,
                                   String query, int status, Integer rowCount, long durationMillis,
                                   String clientAddress, String sourceSystem, Instant occurredAt)
        implements AuditEvent {

    public AuditorQueryRecorded {
        Require.text(queryId, "queryId");
        Require.text(auditor, "auditor");
        Require.text(method, "method");
        Require.text(path, "path");
        Require.text(sourceSystem, "sourceSystem");
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status, not " + status);
        }
        if (rowCount != null && rowCount < 0) {
            throw new IllegalArgumentException("rowCount must not be negative");
        }
        if (durationMillis < 0) {
            throw new IllegalArgumentException("durationMillis must not be negative");
        }
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
