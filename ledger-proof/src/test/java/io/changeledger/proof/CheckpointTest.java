package io.changeledger.proof;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointTest {

    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");
    private static final Digest ROOT = Hashes.leaf("root".getBytes(StandardCharsets.UTF_8));
    private static final Digest OTHER_ROOT = Hashes.leaf("other".getBytes(StandardCharsets.UTF_8));

    private final KeyPair keys = LedgerKeys.generate();
    private final CheckpointSigner signer = new CheckpointSigner("ledger.example/prod", keys.getPrivate(),
            keys.getPublic());
    private final KeyRing ring = KeyRing.of(new TrustedKey(keys.getPublic(), null, null));

    private static Checkpoint with(Checkpoint c, String origin, long size, Digest root, Instant time) {
        return new Checkpoint(origin, size, root.hex(), time, c.keyId(), c.signature());
    }

    @Test
    void aSignedCheckpointVerifies() {
        Checkpoint checkpoint = signer.sign(42, ROOT, T);
        assertThat(checkpoint.keyId()).isEqualTo(LedgerKeys.keyId(keys.getPublic())).hasSize(16);
        assertThat(checkpoint.root()).isEqualTo(ROOT);
        assertThat(ring.check(checkpoint)).isEqualTo(CheckpointCheck.VALID);
    }

    @Test
    void signsTheTextOfATlogCheckpointWithTimeAndKeyLines() {
        Checkpoint checkpoint = signer.sign(42, ROOT, T);
        assertThat(new String(checkpoint.signedText(), StandardCharsets.UTF_8)).isEqualTo(
                "ledger.example/prod\n42\n" + ROOT.base64() + "\ntime 2026-03-01T12:00:00Z\nkey "
                        + checkpoint.keyId() + "\n");
    }

    @Test
    void anyChangedFieldBreaksTheSignature() {
        Checkpoint c = signer.sign(42, ROOT, T);
        assertThat(ring.check(with(c, c.origin(), 43, ROOT, T))).isEqualTo(CheckpointCheck.BAD_SIGNATURE);
        assertThat(ring.check(with(c, c.origin(), 42, OTHER_ROOT, T))).isEqualTo(CheckpointCheck.BAD_SIGNATURE);
        assertThat(ring.check(with(c, c.origin(), 42, ROOT, T.plusNanos(1))))
                .isEqualTo(CheckpointCheck.BAD_SIGNATURE);
        assertThat(ring.check(with(c, "ledger.example/test", 42, ROOT, T)))
                .isEqualTo(CheckpointCheck.BAD_SIGNATURE);
        assertThat(ring.check(new Checkpoint(c.origin(), 42, ROOT.hex(), T, c.keyId(), "not base64!")))
                .isEqualTo(CheckpointCheck.BAD_SIGNATURE);
    }

    @Test
    void aCheckpointOfAnUnknownKeyIsNotTrusted() {
        KeyRing otherRing = KeyRing.of(new TrustedKey(LedgerKeys.generate().getPublic(), null, null));
        assertThat(otherRing.check(signer.sign(1, ROOT, T))).isEqualTo(CheckpointCheck.UNKNOWN_KEY);
    }

    @Test
    void aKeyIsTrustedOnlyWithinItsValidity() {
        KeyRing windowed = KeyRing.of(new TrustedKey(keys.getPublic(), T, T.plusSeconds(3600)));
        assertThat(windowed.check(signer.sign(1, ROOT, T))).isEqualTo(CheckpointCheck.VALID);
        assertThat(windowed.check(signer.sign(1, ROOT, T.plusSeconds(3599)))).isEqualTo(CheckpointCheck.VALID);
        assertThat(windowed.check(signer.sign(1, ROOT, T.minusNanos(1))))
                .isEqualTo(CheckpointCheck.OUTSIDE_KEY_VALIDITY);
        assertThat(windowed.check(signer.sign(1, ROOT, T.plusSeconds(3600))))
                .isEqualTo(CheckpointCheck.OUTSIDE_KEY_VALIDITY);
    }

    @Test
    void aKeyCannotEndBeforeItStarts() {
        assertThatThrownBy(() -> new TrustedKey(keys.getPublic(), T, T)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysSurviveAPemRoundTrip() {
        PublicKey publicKey = LedgerKeys.publicKey(LedgerKeys.pem(keys.getPublic()));
        PrivateKey privateKey = LedgerKeys.privateKey(LedgerKeys.pem(keys.getPrivate()));
        assertThat(publicKey.getEncoded()).isEqualTo(keys.getPublic().getEncoded());
        assertThat(LedgerKeys.keyId(publicKey)).isEqualTo(signer.keyId());
        Checkpoint checkpoint = new CheckpointSigner("o", privateKey, publicKey).sign(3, ROOT, T);
        assertThat(ring.check(checkpoint)).isEqualTo(CheckpointCheck.VALID);
    }

    @Test
    void readsTheKeysOpenSslWrites() throws IOException {
        // made once with: openssl genpkey -algorithm ed25519 -out openssl-ed25519.pem
        //                 openssl pkey -in openssl-ed25519.pem -pubout -out openssl-ed25519.pub.pem
        PrivateKey privateKey = LedgerKeys.privateKey(resource("/keys/openssl-ed25519.pem"));
        PublicKey publicKey = LedgerKeys.publicKey(resource("/keys/openssl-ed25519.pub.pem"));
        Checkpoint checkpoint = new CheckpointSigner("o", privateKey, publicKey).sign(3, ROOT, T);
        assertThat(KeyRing.of(new TrustedKey(publicKey, null, null)).check(checkpoint))
                .isEqualTo(CheckpointCheck.VALID);
        assertThat(LedgerKeys.pem(publicKey)).isEqualTo(resource("/keys/openssl-ed25519.pub.pem"));
    }

    @Test
    void refusesPemWithoutTheRightBlock() {
        String publicPem = LedgerKeys.pem(keys.getPublic());
        assertThatThrownBy(() -> LedgerKeys.privateKey(publicPem)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LedgerKeys.publicKey("nothing here")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSignerRefusesAPublicKeyThatIsNotItsOwn() {
        PublicKey someoneElses = LedgerKeys.generate().getPublic();
        assertThatThrownBy(() -> new CheckpointSigner("o", keys.getPrivate(), someoneElses))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(LedgerKeys.keyId(someoneElses));
    }

    @Test
    void aCheckpointIsOneLineOfOriginAndNeverANegativeSize() {
        assertThatThrownBy(() -> new Checkpoint("a\nb", 1, ROOT.hex(), T, "k", "s"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("a", -1, ROOT.hex(), T, "k", "s"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = CheckpointTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
