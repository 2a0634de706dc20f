package io.changeledger.events.change;

import io.changeledger.events.LedgerEvent;

/** The stream of production changes; its aggregate is the change, keyed by change id. */
public sealed interface ChangeEvent extends LedgerEvent permits ChangeRequested, ChangeRecorded, ChangeApproved, ChangeRejected, ChangeStarted,
        ChangeCompleted, ChangeFailed, ChangeRolledBack, EvidenceAttached, RetrospectiveReviewOpened,
        RetrospectiveReviewCompleted, RetrospectiveReviewOverdue, ControlViolationDetected, ControlViolationResolved,
        DeploymentRecorded {

    String changeId();

    @Override
    default String aggregateId() {
        return changeId();
    }
}
