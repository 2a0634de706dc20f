package io.changeledger.proof;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hashes of RFC 9162 section 2.1.1: a leaf is SHA-256 over 0x00 and its bytes, an interior node SHA-256 over
 * 0x01, the left and the right child. The prefixes keep a leaf from ever passing for a node (second preimages).
 */
public final class Hashes {

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(Hashes::newSha256);
    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    /** The root of the empty tree: SHA-256 of nothing. */
    public static final Digest EMPTY_ROOT = Digest.wrap(newSha256().digest());

    private Hashes() {
    }

    public static Digest leaf(byte[] entry) {
        MessageDigest sha = SHA_256.get();
        sha.update(LEAF_PREFIX);
        sha.update(entry);
        return Digest.wrap(sha.digest());
    }

    public static Digest node(Digest left, Digest right) {
        MessageDigest sha = SHA_256.get();
        sha.update(NODE_PREFIX);
        sha.update(left.unsafeBytes());
        sha.update(right.unsafeBytes());
        return Digest.wrap(sha.digest());
    }

    public static Digest sha256(byte[] bytes) {
        return Digest.wrap(SHA_256.get().digest(bytes));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
