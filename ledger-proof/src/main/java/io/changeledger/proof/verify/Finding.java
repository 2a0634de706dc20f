package io.changeledger.proof.verify;

import java.util.Objects;

/**
 * One thing a verifier found wrong.
 *
 * @param sequence the entry it concerns, or the first entry of the window it concerns; null if none
 * @param treeSize the tree size (checkpoint) it concerns; null if none
 */
public record Finding(Kind kind, Long sequence, Long treeSize, String detail) {

    public enum Kind {
        /** an entry's content no longer hashes to the leaf hash recorded (and proven) for it */
        MODIFIED,
        /** a sequence number is missing from the middle of the ledger */
        REMOVED,
        /** an entry appears twice, or beyond the size the ledger claims */
        INSERTED,
        /** entries are out of their sequence order, or exchanged their contents */
        REORDERED,
        /** the ledger ends before the size its header or a checkpoint claims; or a newer checkpoint is smaller */
        TRUNCATED,
        /** two validly signed views of the ledger that cannot both be true */
        FORK,
        /** the entries up to a checkpoint give another root than the one signed, though each entry is consistent */
        ROOT_MISMATCH,
        BAD_SIGNATURE,
        UNKNOWN_KEY,
        OUTSIDE_KEY_VALIDITY,
        /** a proof that does not verify, or that no signed checkpoint backs */
        BAD_PROOF,
        /** input that is not the format it claims to be */
        MALFORMED,
        /** a file of an export package, or some of its rows, no longer hash as its manifest says */
        FILE_MODIFIED
    }

    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    /** One line for people: {@code MODIFIED sequence 42: ...}, {@code FORK tree size 150: ...}. */
    public String describe() {
        StringBuilder line = new StringBuilder(kind.name());
        if (sequence != null) {
            line.append(" sequence ").append(sequence);
        }
        if (treeSize != null) {
            line.append(sequence != null ? "," : "").append(" tree size ").append(treeSize);
        }
        return line.append(": ").append(detail).toString();
    }
}
