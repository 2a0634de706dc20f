package io.changeledger.query.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.changeledger.proof.Checkpoint;
import io.changeledger.query.access.ChangeAccess;
import io.changeledger.query.change.ChangeView;

import java.util.List;

/**
 * Everything an auditor needs to judge one change, and to check it was not altered.
 *
 * @param change     the change with its approvals, violations, evidence links, review and history
 * @param access     who held access to the change's system while it ran, and whether they used it
 * @param events     the change's events in ledger order, each with its entry and inclusion proof
 * @param checkpoint the latest verified signed checkpoint, which the proofs lead to; null if none is verified yet
 * @param complete   every event is proven to the checkpoint; false while the newest wait for the next checkpoint
 */
record ChangeEvidence(ChangeView change, ChangeAccess access, List<EvidenceEvent> events,
                      @JsonInclude(JsonInclude.Include.ALWAYS) Checkpoint checkpoint, boolean complete)
        implements Counted {

    @Override
    public int rowCount() {
        return events.size();
    }
}
