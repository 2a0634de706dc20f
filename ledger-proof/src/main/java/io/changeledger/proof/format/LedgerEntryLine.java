package io.changeledger.proof.format;

import tools.jackson.databind.JsonNode;

import java.util.Objects;

/**
 * One leaf of the ledger as exports show it: its position, the leaf hash the ledger recorded for it, and the
 * envelope object the hash is over ({@link io.changeledger.proof.LeafEntry}). A verifier recomputes the hash from
 * {@code entry} and compares; the recorded one is what the ledger's checkpoints were built from.
 *
 * @param leafHash hexadecimal SHA-256
 */
public record LedgerEntryLine(long sequence, String leafHash, JsonNode entry) {

    public LedgerEntryLine {
        Objects.requireNonNull(leafHash, "leafHash");
        Objects.requireNonNull(entry, "entry");
    }
}
