package io.changeledger.proof;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** A SHA-256 value: a leaf hash, a node of the tree or a root. Immutable; equal when the bytes are. */
public final class Digest {

    public static final int LENGTH = 32;
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;

    private Digest(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Digest of(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a SHA-256 value has " + LENGTH + " bytes, got "
                    + (bytes == null ? "none" : bytes.length));
        }
        return new Digest(bytes.clone());
    }

    /** @throws IllegalArgumentException if the text is not 64 hexadecimal digits */
    public static Digest fromHex(String hex) {
        if (hex == null || hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("a SHA-256 value is 64 hexadecimal digits, got '" + hex + "'");
        }
        return new Digest(HEX.parseHex(hex));
    }

    /** @throws IllegalArgumentException if the text is not the Base64 of 32 bytes */
    public static Digest fromBase64(String base64) {
        return of(Base64.getDecoder().decode(base64));
    }

    static Digest wrap(byte[] owned) {
        return new Digest(owned);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    byte[] unsafeBytes() {
        return bytes;
    }

    public String hex() {
        return HEX.formatHex(bytes);
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Digest digest && Arrays.equals(bytes, digest.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
