package io.changeledger.proof;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * A signed tree head: the ledger named {@code origin} had {@code treeSize} leaves with this root at
 * {@code time}, says the holder of key {@code keyId}. The signature is Ed25519 over {@link #signedText()}, a
 * note in the layout of C2SP's tlog-checkpoint (origin, size, Base64 root) with the time and key id as extension
 * lines, so that a checkpoint can be checked with nothing but the text and a public key.
 *
 * @param rootHash  hexadecimal SHA-256
 * @param signature Base64 Ed25519 signature
 */
public record Checkpoint(String origin, long treeSize, String rootHash, Instant time, String keyId,
                         String signature) {

    public Checkpoint {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(rootHash, "rootHash");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(signature, "signature");
        if (origin.isBlank() || origin.contains("\n")) {
            throw new IllegalArgumentException("an origin is one non-blank line, got '" + origin + "'");
        }
        if (treeSize < 0) {
            throw new IllegalArgumentException("a tree has no negative size: " + treeSize);
        }
    }

    public Digest root() {
        return Digest.fromHex(rootHash);
    }

    /** The bytes the signature covers. */
    public byte[] signedText() {
        return signedText(origin, treeSize, root(), time, keyId);
    }

    static byte[] signedText(String origin, long treeSize, Digest root, Instant time, String keyId) {
        return (origin + "\n" + treeSize + "\n" + root.base64() + "\n"
                + "time " + time + "\n"
                + "key " + keyId + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
