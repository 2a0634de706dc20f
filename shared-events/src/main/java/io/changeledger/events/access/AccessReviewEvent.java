package io.changeledger.events.access;

import io.changeledger.events.LedgerEvent;

/**
 * The stream of periodic access reviews (campaigns); its aggregate is one review of one system, keyed by review
 * id. What a reviewer decides about a grant is also recorded on the grant itself ({@link AccessCertified} or
 * {@link AccessRevoked}), in the same transaction.
 */
public sealed interface AccessReviewEvent extends LedgerEvent permits AccessReviewStarted, AccessReviewDecided,
        AccessReviewCompleted, AccessReviewOverdue {

    String reviewId();

    @Override
    default String aggregateId() {
        return reviewId();
    }
}
