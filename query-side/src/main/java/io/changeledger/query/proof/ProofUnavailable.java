package io.changeledger.query.proof;

/** Why a proof or an export cannot be given, now or at all; the controller answers with the matching problem. */
final class ProofUnavailable extends RuntimeException {

    enum Reason {
        /** asked for a tree larger than the local one: it may be given later */
        TREE_NOT_REACHED,
        /** no tree size was asked for and no checkpoint is verified yet to take its size */
        NO_VERIFIED_CHECKPOINT,
        /** an event or a checkpoint asked for is not known */
        UNKNOWN,
        /** a parameter's value can never be answered, such as an entry outside the tree size asked for */
        OUT_OF_RANGE
    }

    private final Reason reason;
    private final String parameter;

    ProofUnavailable(Reason reason, String detail) {
        this(reason, null, detail);
    }

    ProofUnavailable(Reason reason, String parameter, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
        this.parameter = parameter;
    }

    Reason reason() {
        return reason;
    }

    /** The query parameter at fault, if one is. */
    String parameter() {
        return parameter;
    }
}
