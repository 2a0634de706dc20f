package io.changeledger.proof.format;

import io.changeledger.proof.Checkpoint;

import java.util.List;

/**
 * Evidence that fits one JSON document: some entries, the signed checkpoints they are proven against, and the
 * proofs. Each list may be empty, so that the same shape carries one event's inclusion, a report's whole set of
 * events, or only the consistency of two checkpoints.
 */
public record EvidenceBundle(String format, String origin, List<Checkpoint> checkpoints,
                             List<LedgerEntryLine> entries, List<InclusionProof> inclusionProofs,
                             List<ConsistencyProof> consistencyProofs) {

    public static final String FORMAT = "changeledger-evidence/1";

    public EvidenceBundle {
        checkpoints = checkpoints == null ? List.of() : List.copyOf(checkpoints);
        entries = entries == null ? List.of() : List.copyOf(entries);
        inclusionProofs = inclusionProofs == null ? List.of() : List.copyOf(inclusionProofs);
        consistencyProofs = consistencyProofs == null ? List.of() : List.copyOf(consistencyProofs);
    }

    public EvidenceBundle(String origin, List<Checkpoint> checkpoints, List<LedgerEntryLine> entries,
                          List<InclusionProof> inclusionProofs, List<ConsistencyProof> consistencyProofs) {
        this(FORMAT, origin, checkpoints, entries, inclusionProofs, consistencyProofs);
    }
}
