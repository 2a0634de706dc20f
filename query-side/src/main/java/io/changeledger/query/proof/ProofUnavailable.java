package io.changeledger.query.proof;

/** Why a proof cannot be given, now or at all; the controller answers with the matching problem. */
final class ProofUnavailable extends RuntimeException {

    enum Reason {
        /** asked for a tree larger than the local one: it may be given later */
        TREE_NOT_REACHED,
        /** no tree size was asked for and no checkpoint is verified yet to take its size */
        NO_VERIFIED_CHECKPOINT,
        /** the entry's sequence is not below the tree size asked for */
        NOT_IN_TREE
    }

    private final Reason reason;

    ProofUnavailable(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
