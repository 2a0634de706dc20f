package io.changeledger.query.proof;

import io.changeledger.proof.Checkpoint;
import io.changeledger.proof.format.EvidenceBundle;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The ledger's proofs for other features, such as the auditor's evidence packets, without the ledger API's views.
 * Each call reads its own snapshot, or joins the caller's.
 */
@Component
public class LedgerEvidence {

    private final LedgerQueries queries;
    private final LedgerExports exports;

    LedgerEvidence(LedgerQueries queries, LedgerExports exports) {
        this.queries = queries;
        this.exports = exports;
    }

    /** The verified checkpoint of the largest size, as it was signed. */
    public Optional<Checkpoint> latestVerifiedCheckpoint() {
        return queries.handle(new FindLatestCheckpointQuery()).map(CheckpointView::signed);
    }

    /**
     * The events' entries with their inclusion proofs to the verified checkpoint of that size.
     *
     * @throws IllegalArgumentException if an event is unknown or not in that tree, or no checkpoint of that size
     *                                  is verified
     */
    public EvidenceBundle bundle(List<UUID> eventIds, long treeSize) {
        try {
            return exports.handle(new FindEvidenceBundleQuery(eventIds, treeSize, List.of()));
        } catch (ProofUnavailable unavailable) {
            throw new IllegalArgumentException(unavailable.getMessage(), unavailable);
        }
    }
}
