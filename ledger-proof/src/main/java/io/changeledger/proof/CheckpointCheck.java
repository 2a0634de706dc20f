package io.changeledger.proof;

/** The outcome of checking a checkpoint's signature against a {@link KeyRing}. */
public enum CheckpointCheck {
    VALID,
    /** no trusted key has the checkpoint's key id */
    UNKNOWN_KEY,
    /** the key is known and the signature does not verify over the checkpoint's text */
    BAD_SIGNATURE,
    /** the signature verifies, but the checkpoint's time is outside the key's validity */
    OUTSIDE_KEY_VALIDITY
}
