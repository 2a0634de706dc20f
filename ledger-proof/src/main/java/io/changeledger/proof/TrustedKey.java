package io.changeledger.proof;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Objects;

/**
 * A public key that signs checkpoints, and when it may have: a checkpoint whose time falls outside
 * [validFrom, validUntil) is refused even with a good signature, so a retired key cannot sign new history.
 *
 * @param validFrom  null: since always
 * @param validUntil null: still in use
 */
public record TrustedKey(PublicKey key, Instant validFrom, Instant validUntil) {

    public TrustedKey {
        Objects.requireNonNull(key, "key");
        if (validFrom != null && validUntil != null && !validFrom.isBefore(validUntil)) {
            throw new IllegalArgumentException("key " + LedgerKeys.keyId(key) + " is valid from " + validFrom
                    + ", after its end " + validUntil);
        }
    }

    public String keyId() {
        return LedgerKeys.keyId(key);
    }

    public boolean validAt(Instant time) {
        return (validFrom == null || !time.isBefore(validFrom)) && (validUntil == null || time.isBefore(validUntil));
    }
}
