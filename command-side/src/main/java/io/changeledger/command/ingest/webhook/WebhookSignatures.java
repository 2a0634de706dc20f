package io.changeledger.command.ingest.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The signatures GitHub and HCP Terraform put on a delivery: an HMAC of the raw body under the secret both sides
 * know. The presented MAC is decoded and compared with {@link MessageDigest#isEqual}, which takes the same time
 * wherever the first wrong byte is, so a forger learns nothing from how long a refusal took.
 */
final class WebhookSignatures {

    private static final String GITHUB_PREFIX = "sha256=";

    private WebhookSignatures() {
    }

    /** @param header the {@code X-Hub-Signature-256} header: {@code sha256=} and the hex HMAC-SHA256 */
    static boolean gitHub(byte[] secret, byte[] body, String header) {
        if (header == null || !header.regionMatches(true, 0, GITHUB_PREFIX, 0, GITHUB_PREFIX.length())) {
            return false;
        }
        return matches(hmac("HmacSHA256", secret, body), header.substring(GITHUB_PREFIX.length()));
    }

    /** @param header the {@code X-TFE-Notification-Signature} header: the hex HMAC-SHA512 */
    static boolean terraform(byte[] secret, byte[] body, String header) {
        return header != null && matches(hmac("HmacSHA512", secret, body), header);
    }

    static byte[] hmac(String algorithm, byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret, algorithm));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }

    private static boolean matches(byte[] expected, String presentedHex) {
        byte[] presented;
        try {
            presented = HexFormat.of().parseHex(presentedHex.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, presented);
    }
}
