package io.changeledger.proof.verify;

import io.changeledger.proof.Checkpoint;
import io.changeledger.proof.CheckpointCheck;
import io.changeledger.proof.KeyRing;

import java.util.Optional;

/** A checkpoint's signature check as a finding. */
final class Signatures {

    private Signatures() {
    }

    static Optional<Finding> check(KeyRing keys, Checkpoint checkpoint, String where) {
        CheckpointCheck check = keys.check(checkpoint);
        String what = "checkpoint " + where + "signed " + checkpoint.time() + " by key " + checkpoint.keyId();
        return switch (check) {
            case VALID -> Optional.empty();
            case UNKNOWN_KEY -> Optional.of(new Finding(Finding.Kind.UNKNOWN_KEY, null, checkpoint.treeSize(),
                    what + ": no trusted key has that id"));
            case BAD_SIGNATURE -> Optional.of(new Finding(Finding.Kind.BAD_SIGNATURE, null, checkpoint.treeSize(),
                    what + ": the signature does not verify"));
            case OUTSIDE_KEY_VALIDITY -> Optional.of(new Finding(Finding.Kind.OUTSIDE_KEY_VALIDITY, null,
                    checkpoint.treeSize(), what + ": the key was not valid at that time"));
        };
    }
}
