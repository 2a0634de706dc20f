package io.changeledger.proof;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The public keys an auditor trusts, several at once so that keys can be rotated. */
public final class KeyRing {

    private final Map<String, TrustedKey> byId = new LinkedHashMap<>();

    private KeyRing(Collection<TrustedKey> keys) {
        keys.forEach(key -> byId.put(key.keyId(), key));
    }

    public static KeyRing of(TrustedKey... keys) {
        return new KeyRing(List.of(keys));
    }

    public static KeyRing of(Collection<TrustedKey> keys) {
        return new KeyRing(keys);
    }

    public Collection<TrustedKey> keys() {
        return List.copyOf(byId.values());
    }

    public Optional<TrustedKey> key(String keyId) {
        return Optional.ofNullable(byId.get(keyId));
    }

    public CheckpointCheck check(Checkpoint checkpoint) {
        TrustedKey key = byId.get(checkpoint.keyId());
        if (key == null) {
            return CheckpointCheck.UNKNOWN_KEY;
        }
        try {
            Signature ed25519 = Signature.getInstance(LedgerKeys.ALGORITHM);
            ed25519.initVerify(key.key());
            ed25519.update(checkpoint.signedText());
            if (!ed25519.verify(Base64.getDecoder().decode(checkpoint.signature()))) {
                return CheckpointCheck.BAD_SIGNATURE;
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return CheckpointCheck.BAD_SIGNATURE;
        }
        return key.validAt(checkpoint.time()) ? CheckpointCheck.VALID : CheckpointCheck.OUTSIDE_KEY_VALIDITY;
    }
}
