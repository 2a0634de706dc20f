package io.changeledger.events.wire;

import io.changeledger.proof.Digest;

import java.util.Objects;

/** An event's place in the ledger's Merkle tree: its dense sequence number and its leaf hash. */
public record LedgerLeaf(long sequence, Digest hash) {

    public LedgerLeaf {
        Objects.requireNonNull(hash, "hash");
        if (sequence < 0) {
            throw new IllegalArgumentException("a ledger sequence is not negative: " + sequence);
        }
    }
}
