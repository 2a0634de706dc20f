package io.changeledger.query.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.changeledger.proof.format.InclusionProof;

import java.time.Instant;
import java.util.UUID;

/**
 * One event of the change or grant, at its place in the ledger.
 *
 * @param sequence       its ledger sequence; null if the ledger copy has no entry of it (never expected)
 * @param leafHash       SHA-256 of 0x00 and {@code entry}: its leaf in the ledger's Merkle tree
 * @param entry          the RFC 8785 canonical JSON the leaf commits to, byte for byte as hashed
 * @param inclusionProof its audit path to the packet's checkpoint; null while no verified checkpoint covers it
 */
record EvidenceEvent(Long sequence, UUID eventId, String type, Instant occurredAt, Instant recordedAt,
                     String leafHash, @JsonRawValue String entry,
                     @JsonInclude(JsonInclude.Include.ALWAYS) InclusionProof inclusionProof) {

    boolean proven() {
        return inclusionProof != null;
    }
}
