package io.changeledger.query;

import io.changeledger.proof.Checkpoint;
import io.changeledger.proof.CheckpointSigner;
import io.changeledger.proof.KeyRing;
import io.changeledger.proof.LedgerKeys;
import io.changeledger.proof.MemoryTree;
import io.changeledger.proof.TrustedKey;

import java.security.KeyPair;
import java.time.Instant;

/**
 * The command side's tree and signing key for the tests that grow the ledger from sequence zero. There is one
 * query side per test run, so every test class that appends to its tree appends to this one: each takes the next
 * sequences under the tree's lock.
 */
public final class SignedLedger {

    public static final MemoryTree TREE = new MemoryTree();
    public static final KeyPair KEY = LedgerKeys.generate();
    public static final CheckpointSigner SIGNER = new CheckpointSigner("changeledger.test", KEY.getPrivate(),
            KEY.getPublic());
    public static final KeyRing KEYS = KeyRing.of(new TrustedKey(KEY.getPublic(), null, null));

    private SignedLedger() {
    }

    public static Checkpoint sign(long size) {
        return SIGNER.sign(size, TREE.proofs().root(size), Instant.now());
    }
}
