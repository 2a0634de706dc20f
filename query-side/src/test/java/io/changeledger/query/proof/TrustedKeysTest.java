package io.changeledger.query.proof;

import io.changeledger.proof.CheckpointSigner;
import io.changeledger.proof.Hashes;
import io.changeledger.proof.LedgerKeys;
import io.changeledger.proof.TrustedKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustedKeysTest {

    private final KeyPair first = LedgerKeys.generate();
    private final KeyPair second = LedgerKeys.generate();

    @Test
    void takesEachKeyOfPemText() {
        TrustedKeys keys = TrustedKeys.from(LedgerKeys.pem(first.getPublic()) + "\n" + LedgerKeys.pem(second.getPublic()));

        assertThat(keys.ring()).hasValueSatisfying(ring -> assertThat(ring.keys()).extracting(TrustedKey::keyId)
                .containsExactly(LedgerKeys.keyId(first.getPublic()), LedgerKeys.keyId(second.getPublic())));
    }

    @Test
    void readsAFileOfKeysWhoseCheckpointsThenVerify(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("trusted.pem"), LedgerKeys.pem(second.getPublic()));
        TrustedKeys keys = TrustedKeys.from(" " + file + "\n");

        var signer = new CheckpointSigner("origin", second.getPrivate(), second.getPublic());
        assertThat(keys.ring().orElseThrow().check(signer.sign(3, Hashes.EMPTY_ROOT, Instant.now())))
                .hasToString("VALID");
    }

    @Test
    void takesEveryCheckpointsOwnKeyWhenNoneIsConfigured() {
        assertThat(TrustedKeys.from(null).ring()).isEmpty();
        assertThat(TrustedKeys.from("  ").ring()).isEmpty();
    }

    @Test
    void refusesASettingWithoutAKey(@TempDir Path directory) {
        assertThatThrownBy(() -> TrustedKeys.from(directory.resolve("missing.pem").toString()))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("missing.pem");
        assertThatThrownBy(() -> TrustedKeys.from(LedgerKeys.pem(first.getPrivate())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no '-----BEGIN PUBLIC KEY-----'");
    }
}
