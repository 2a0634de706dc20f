package io.changeledger.query.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.changeledger.proof.Checkpoint;
import io.changeledger.query.access.GrantView;

import java.util.List;

/**
 * Everything an auditor needs to judge one grant of access, and to check it was not altered.
 *
 * @param grant      the grant with its history, approvals, sessions, certifications and violations
 * @param events     the grant's events in ledger order, each with its entry and inclusion proof
 * @param checkpoint the latest verified signed checkpoint, which the proofs lead to; null if none is verified yet
 * @param complete   every event is proven to the checkpoint
 */
record GrantEvidence(GrantView grant, List<EvidenceEvent> events,
                     @JsonInclude(JsonInclude.Include.ALWAYS) Checkpoint checkpoint, boolean complete)
        implements Counted {

    @Override
    public int rowCount() {
        return events.size();
    }
}
