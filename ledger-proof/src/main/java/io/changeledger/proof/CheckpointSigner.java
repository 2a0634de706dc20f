package io.changeledger.proof;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

/** Signs tree heads with one Ed25519 key. */
public final class CheckpointSigner {

    private final String origin;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    public CheckpointSigner(String origin, PrivateKey privateKey, PublicKey publicKey) {
        this.origin = origin;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = LedgerKeys.keyId(publicKey);
        Checkpoint probe = sign(0, Hashes.EMPTY_ROOT, Instant.EPOCH);
        if (KeyRing.of(new TrustedKey(publicKey, null, null)).check(probe) != CheckpointCheck.VALID) {
            throw new IllegalArgumentException("the private key does not belong to public key " + keyId);
        }
    }

    public Checkpoint sign(long treeSize, Digest root, Instant time) {
        byte[] text = Checkpoint.signedText(origin, treeSize, root, time, keyId);
        try {
            Signature ed25519 = Signature.getInstance(LedgerKeys.ALGORITHM);
            ed25519.initSign(privateKey);
            ed25519.update(text);
            return new Checkpoint(origin, treeSize, root.hex(), time, keyId,
                    Base64.getEncoder().encodeToString(ed25519.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign a checkpoint with key " + keyId, e);
        }
    }

    public String origin() {
        return origin;
    }

    public String keyId() {
        return keyId;
    }

    public PublicKey publicKey() {
        return publicKey;
    }
}
