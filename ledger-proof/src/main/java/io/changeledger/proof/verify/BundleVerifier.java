package io.changeledger.proof.verify;

import io.changeledger.proof.Checkpoint;
import io.changeledger.proof.Digest;
import io.changeledger.proof.KeyRing;
import io.changeledger.proof.LeafEntry;
import io.changeledger.proof.ProofVerifier;
import io.changeledger.proof.format.ConsistencyProof;
import io.changeledger.proof.format.EvidenceBundle;
import io.changeledger.proof.format.EvidenceBundles;
import io.changeledger.proof.format.InclusionProof;
import io.changeledger.proof.format.LedgerEntryLine;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an evidence bundle: the checkpoints' signatures, each entry against its recorded leaf hash, each
 * inclusion proof against the signed root of its size, and the consistency proofs between signed checkpoints.
 * Only validly signed checkpoints back a proof: a root nobody trusted signed proves nothing.
 */
public final class BundleVerifier {

    private final KeyRing keys;

    public BundleVerifier(KeyRing keys) {
        this.keys = keys;
    }

    public VerificationReport verify(InputStream bundle) {
        EvidenceBundle read;
        try {
            read = EvidenceBundles.read(bundle);
        } catch (IllegalArgumentException e) {
            return new VerificationReport(List.of(new Finding(Finding.Kind.MALFORMED, null, null,
                    e.getMessage())), 0, 0);
        }
        return verify(read);
    }

    public VerificationReport verify(EvidenceBundle bundle) {
        List<Finding> findings = new ArrayList<>();
        if (!EvidenceBundle.FORMAT.equals(bundle.format())) {
            findings.add(new Finding(Finding.Kind.MALFORMED, null, null, "the format is " + bundle.format()
                    + ", not " + EvidenceBundle.FORMAT));
        }
        Map<Long, Digest> signedRoots = signedRoots(bundle, findings);
        Map<Long, LedgerEntryLine> entries = new HashMap<>();
        Map<Long, Digest> recomputed = new HashMap<>();
        Set<Long> modified = new HashSet<>();
        for (LedgerEntryLine entry : bundle.entries()) {
            if (entries.putIfAbsent(entry.sequence(), entry) != null) {
                findings.add(new Finding(Finding.Kind.INSERTED, entry.sequence(), null,
                        "the bundle holds two entries with this sequence"));
                continue;
            }
            Digest leaf;
            try {
                leaf = LeafEntry.leafHash(entry.entry());
            } catch (IllegalArgumentException e) {
                findings.add(new Finding(Finding.Kind.MALFORMED, entry.sequence(), null, e.getMessage()));
                continue;
            }
            recomputed.put(entry.sequence(), leaf);
            if (!leaf.hex().equals(entry.leafHash())) {
                modified.add(entry.sequence());
                findings.add(new Finding(Finding.Kind.MODIFIED, entry.sequence(), null, "the entry hashes to "
                        + leaf.hex() + ", its recorded leaf hash is " + entry.leafHash()));
            }
        }
        for (InclusionProof proof : bundle.inclusionProofs()) {
            inclusion(proof, signedRoots, entries, recomputed, modified, findings);
        }
        for (ConsistencyProof proof : bundle.consistencyProofs()) {
            consistency(proof, signedRoots, findings);
        }
        return new VerificationReport(findings, recomputed.size(), bundle.checkpoints().size());
    }

    private Map<Long, Digest> signedRoots(EvidenceBundle bundle, List<Finding> findings) {
        Map<Long, Digest> roots = new HashMap<>();
        Set<Long> forks = new HashSet<>();
        for (Checkpoint checkpoint : bundle.checkpoints()) {
            if (!checkpoint.origin().equals(bundle.origin())) {
                findings.add(new Finding(Finding.Kind.MALFORMED, null, checkpoint.treeSize(),
                        "the checkpoint is of " + checkpoint.origin() + ", the bundle of " + bundle.origin()));
                continue;
            }
            var problem = Signatures.check(keys, checkpoint, "");
            if (problem.isPresent()) {
                findings.add(problem.get());
                continue;
            }
            Digest root = checkpoint.root();
            Digest earlier = roots.putIfAbsent(checkpoint.treeSize(), root);
            if (earlier != null && !earlier.equals(root) && forks.add(checkpoint.treeSize())) {
                findings.add(new Finding(Finding.Kind.FORK, null, checkpoint.treeSize(), "two validly signed "
                        + "checkpoints of this size have different roots, " + earlier.hex() + " and " + root.hex()));
            }
        }
        return roots;
    }

    private static void inclusion(InclusionProof proof, Map<Long, Digest> signedRoots,
                                  Map<Long, LedgerEntryLine> entries, Map<Long, Digest> recomputed,
                                  Set<Long> modified, List<Finding> findings) {
        long sequence = proof.sequence();
        long size = proof.treeSize();
        Digest root = signedRoots.get(size);
        if (root == null) {
            findings.add(new Finding(Finding.Kind.BAD_PROOF, sequence, size,
                    "no validly signed checkpoint of this size backs the inclusion proof"));
            return;
        }
        Digest leaf = recomputed.get(sequence);
        if (leaf == null) {
            findings.add(new Finding(Finding.Kind.BAD_PROOF, sequence, size,
                    "the bundle holds no (readable) entry for the inclusion proof"));
            return;
        }
        List<Digest> path = hashes(proof.path());
        if (path == null) {
            findings.add(new Finding(Finding.Kind.BAD_PROOF, sequence, size, "the path is not all SHA-256 hex"));
            return;
        }
        if (ProofVerifier.verifyInclusion(sequence, size, leaf, path, root)) {
            return;
        }
        String recorded = entries.get(sequence).leafHash();
        boolean recordedIsIncluded = recorded.matches("[0-9a-f]{64}")
                && ProofVerifier.verifyInclusion(sequence, size, Digest.fromHex(recorded), path, root);
        if (recordedIsIncluded) {
            if (!modified.contains(sequence)) {
                findings.add(new Finding(Finding.Kind.MODIFIED, sequence, size, "the signed tree holds the "
                        + "recorded leaf hash, not the entry's"));
            }
        } else {
            findings.add(new Finding(Finding.Kind.BAD_PROOF, sequence, size,
                    "the inclusion proof does not lead to the signed root"));
        }
    }

    private static void consistency(ConsistencyProof proof, Map<Long, Digest> signedRoots, List<Finding> findings) {
        Digest from = signedRoots.get(proof.fromSize());
        Digest to = signedRoots.get(proof.toSize());
        if (from == null || to == null) {
            findings.add(new Finding(Finding.Kind.BAD_PROOF, null, proof.toSize(), "no validly signed checkpoint "
                    + "of size " + (from == null ? proof.fromSize() : proof.toSize()) + " backs the consistency proof"));
            return;
        }
        List<Digest> path = hashes(proof.path());
        if (path == null) {
            findings.add(new Finding(Finding.Kind.BAD_PROOF, null, proof.toSize(), "the path is not all SHA-256 hex"));
            return;
        }
        if (!ProofVerifier.verifyConsistency(proof.fromSize(), proof.toSize(), from, to, path)) {
            findings.add(new Finding(Finding.Kind.FORK, null, proof.toSize(), "the signed tree of size "
                    + proof.toSize() + " is not proven to extend the signed tree of size " + proof.fromSize()));
        }
    }

    private static List<Digest> hashes(List<String> hex) {
        try {
            return hex.stream().map(Digest::fromHex).toList();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
