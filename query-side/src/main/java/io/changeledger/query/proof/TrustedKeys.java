package io.changeledger.query.proof;

import io.changeledger.proof.KeyRing;
import io.changeledger.proof.LedgerKeys;
import io.changeledger.proof.TrustedKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The keys configured as trusted, if any; read once at start, so that a bad setting stops the start. */
final class TrustedKeys {

    private static final Pattern PUBLIC_KEY = Pattern.compile(
            "-----BEGIN PUBLIC KEY-----[A-Za-z0-9+/=\\s]+-----END PUBLIC KEY-----");

    private final KeyRing ring;

    private TrustedKeys(KeyRing ring) {
        this.ring = ring;
    }

    /** @throws IllegalArgumentException if the setting is neither PEM text nor a readable file of PEM keys */
    static TrustedKeys from(String setting) {
        if (setting == null || setting.isBlank()) {
            return new TrustedKeys(null);
        }
        String pem = setting.contains("-----BEGIN") ? setting : read(setting.strip());
        List<TrustedKey> keys = new ArrayList<>();
        Matcher block = PUBLIC_KEY.matcher(pem);
        while (block.find()) {
            keys.add(new TrustedKey(LedgerKeys.publicKey(block.group()), null, null));
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("changeledger.ledger.trusted-keys holds no '-----BEGIN PUBLIC KEY-----'"
                    + " block");
        }
        return new TrustedKeys(KeyRing.of(keys));
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException("changeledger.ledger.trusted-keys names a file that cannot be read: "
                    + path, e);
        }
    }

    /** Empty when no keys are configured and each checkpoint's own key is taken. */
    Optional<KeyRing> ring() {
        return Optional.ofNullable(ring);
    }
}
