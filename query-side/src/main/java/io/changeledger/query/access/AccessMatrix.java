package io.changeledger.query.access;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * One page of the access matrix at {@code at}: one entry per system, principal and role, in that order.
 *
 * @param knownAt the ledger's knowledge it answers from, if not everything it holds now
 */
record AccessMatrix(Instant at, Instant knownAt, List<Entry> items, int page, int size, long totalItems) {

    /**
     * Everything that let one principal act in one role on one system at the instant.
     *
     * @param since      the earliest start of its grants
     * @param until      the latest end of its grants; null if one of them has no end
     * @param privileged one of its grants is privileged
     * @param breakGlass one of its grants is break-glass access
     */
    record Entry(String system, String principal, String role, boolean privileged, boolean breakGlass,
                 Instant since, @JsonInclude(JsonInclude.Include.ALWAYS) Instant until, List<Grant> grants) {
    }

    /**
     * A grant in force at the instant.
     *
     * @param since   when it began
     * @param until   when it ends or ended: the end of its window, or its revocation or removal if earlier; null
     *                for standing access that has not been removed
     * @param status  as of now, or as of {@code knownAt}
     * @param history its events in ledger order, when asked for
     */
    record Grant(String grantId, AccessKind kind, String resource, String grantedBy, List<String> approvers,
                 Instant since, @JsonInclude(JsonInclude.Include.ALWAYS) Instant until, AccessStatus status,
                 boolean privileged, boolean breakGlass, List<HistoryItem> history) {
    }
}
