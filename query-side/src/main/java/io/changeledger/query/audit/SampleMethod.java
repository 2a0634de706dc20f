package io.changeledger.query.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * How a sample is drawn: every member of the population gets the key SHA-256(UTF-8(seed) ‖ 0x00 ‖ UTF-8(id)); the
 * members are ordered by key, compared as unsigned bytes, and the first {@code size} are the sample. The order
 * depends on nothing but the seed and the ids, not on when or in which order members were recorded or on the
 * database's collation, so anyone with the population's ids can redraw the sample, without this server.
 */
final class SampleMethod {

    static final String NAME = "changeledger-sample/1: SHA-256(UTF-8(seed) || 0x00 || UTF-8(id)) ascending"
            + " as unsigned bytes, the first `size`";

    private static final SecureRandom RANDOM = new SecureRandom();

    private SampleMethod() {
    }

    /** The SQL expression of the key, for a {@code :seed} parameter and the id column. */
    static String keyOf(String idColumn) {
        return "sha256(convert_to(:seed, 'UTF8') || decode('00', 'hex') || convert_to(" + idColumn + ", 'UTF8'))";
    }

    /** The key as Java computes it, the same bytes as {@link #keyOf}. */
    static byte[] key(String seed, String id) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(seed.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(id.getBytes(StandardCharsets.UTF_8));
            return sha256.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** 128 random bits in hex. */
    static String newSeed() {
        byte[] seed = new byte[16];
        RANDOM.nextBytes(seed);
        return HexFormat.of().formatHex(seed);
    }
}
