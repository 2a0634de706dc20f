package io.changeledger.query.proof;

/** How a signed checkpoint compares with the tree this side built from the events it received. */
enum CheckpointStatus {
    /** validly signed; the tree has not reached the checkpoint's size yet */
    PENDING,
    /** the tree of the checkpoint's size has the checkpoint's root */
    VERIFIED,
    /** the tree of the checkpoint's size has another root: what this side received is not what was signed */
    ROOT_MISMATCH,
    /** validly signed, by a key that is not among the configured trusted keys; not compared */
    UNTRUSTED_KEY
}
