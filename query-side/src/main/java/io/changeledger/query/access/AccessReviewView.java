package io.changeledger.query.access;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.changeledger.events.access.AccessDecision;

import java.time.Instant;
import java.util.List;

/** One access review with each grant of its scope and what was decided about it. */
record AccessReviewView(@JsonUnwrapped AccessReviewSummary review, List<Item> items) {

    /**
     * A grant as it stood when the review started.
     *
     * @param decision absent until decided
     */
    record Item(String grantId, String principal, String role, boolean privileged, AccessDecision decision,
                String reviewer, String notes, Instant decidedAt) {
    }
}
