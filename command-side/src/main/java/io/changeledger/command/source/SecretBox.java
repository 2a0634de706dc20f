package io.changeledger.command.source;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Encrypts the webhook secrets that must be kept readable (an HMAC is checked with the secret itself), with
 * AES-256-GCM under a key from the environment: a copy of the database alone does not reveal them.
 */
final class SecretBox {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    private SecretBox(SecretKeySpec key) {
        this.key = key;
    }

    /** @param base64Key 32 random bytes, Base64-encoded; blank when webhook sources that need it are not used */
    static SecretBox of(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            return new SecretBox(null);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("changeledger.sources.secrets-key is not Base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("changeledger.sources.secrets-key must be 32 bytes (Base64 of 32 random"
                    + " bytes, e.g. `openssl rand -base64 32`), not " + bytes.length);
        }
        return new SecretBox(new SecretKeySpec(bytes, "AES"));
    }

    byte[] seal(byte[] plain) {
        requireKey();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    byte[] open(byte[] sealed) {
        requireKey();
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a webhook secret cannot be decrypted: was"
                    + " changeledger.sources.secrets-key changed?", e);
        }
    }

    void requireKey() {
        if (key == null) {
            throw new SourceRuleException("Webhook secrets are kept encrypted, and no key is configured: set"
                    + " CHANGELEDGER_SECRETS_KEY to the Base64 of 32 random bytes");
        }
    }
}
