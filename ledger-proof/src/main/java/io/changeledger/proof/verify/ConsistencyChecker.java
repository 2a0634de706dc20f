package io.changeledger.proof.verify;

import io.changeledger.proof.Checkpoint;
import io.changeledger.proof.Digest;
import io.changeledger.proof.KeyRing;
import io.changeledger.proof.ProofVerifier;
import io.changeledger.proof.format.ConsistencyProof;

import java.util.ArrayList;
import java.util.List;

/**
 * An auditor's routine check: the ledger's new checkpoint extends the old one the auditor saved, by a consistency
 * proof. Nothing else is needed, so the auditor never has to download the ledger to notice a rewrite of history.
 */
public final class ConsistencyChecker {

    private final KeyRing keys;

    public ConsistencyChecker(KeyRing keys) {
        this.keys = keys;
    }

    public VerificationReport check(Checkpoint old, Checkpoint current, ConsistencyProof proof) {
        List<Finding> findings = new ArrayList<>();
        Signatures.check(keys, old, "(old) ").ifPresent(findings::add);
        Signatures.check(keys, current, "(new) ").ifPresent(findings::add);
        if (!old.origin().equals(current.origin())) {
            findings.add(new Finding(Finding.Kind.MALFORMED, null, current.treeSize(), "the old checkpoint is of "
                    + old.origin() + ", the new one of " + current.origin()));
            return new VerificationReport(findings, 0, 2);
        }
        long m = old.treeSize();
        long n = current.treeSize();
        if (n < m) {
            findings.add(new Finding(Finding.Kind.TRUNCATED, n, n, "rollback: the new checkpoint has " + n
                    + " entries, the old one " + m));
        } else if (proof.fromSize() != m || proof.toSize() != n) {
            findings.add(new Finding(Finding.Kind.BAD_PROOF, null, n, "the proof is from size " + proof.fromSize()
                    + " to " + proof.toSize() + ", the checkpoints are of sizes " + m + " and " + n));
        } else {
            List<Digest> path;
            try {
                path = proof.path().stream().map(Digest::fromHex).toList();
            } catch (IllegalArgumentException e) {
                findings.add(new Finding(Finding.Kind.BAD_PROOF, null, n, "the proof holds " + e.getMessage()));
                return new VerificationReport(findings, 0, 2);
            }
            if (!ProofVerifier.verifyConsistency(m, n, old.root(), current.root(), path)) {
                findings.add(new Finding(Finding.Kind.FORK, null, n, "the tree of size " + n + " (root "
                        + current.rootHash() + ") does not extend the one of size " + m + " (root " + old.rootHash()
                        + ") that the old checkpoint signed"));
            }
        }
        return new VerificationReport(findings, 0, 2);
    }
}
