package io.changeledger.query.proof;

import io.changeledger.proof.Checkpoint;
import io.changeledger.proof.format.EvidenceBundle;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The ledger's evidence for other features of the query side (exports, the auditor's evidence packets), in the
 * caller's transaction, so that the evidence and the rows it backs come from one snapshot.
 */
@Component
public class LedgerEvidence {

    private final LedgerQueries queries;
    private final LedgerExports exports;

    LedgerEvidence(LedgerQueries queries, LedgerExports exports) {
        this.queries = queries;
        this.exports = exports;
    }

    /** The verified checkpoint of the largest tree, as signed. */
    public Optional<Checkpoint> latestVerifiedCheckpoint() {
        return queries.latestVerified().map(CheckpointView::signed);
    }

    /**
     * The events' entries with inclusion proofs to the verified checkpoint of that size.
     *
     * @throws IllegalStateException if an event is unknown or outside the tree, or no checkpoint of that size is
     *                               verified: the caller asked for events it found below that checkpoint
     */
    public EvidenceBundle bundle(List<UUID> eventIds, long treeSize) {
        try {
            return exports.handle(new FindEvidenceBundleQuery(eventIds, treeSize, List.of()));
        } catch (ProofUnavailable e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
