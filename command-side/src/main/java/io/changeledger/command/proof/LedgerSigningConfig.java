package io.changeledger.command.proof;

import io.changeledger.proof.CheckpointSigner;
import io.changeledger.proof.LedgerKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;

/**
 * The key that signs checkpoints. Configured (PEM text or file), or generated once into the key directory and
 * kept there: a ledger signs with one key until an operator rotates it, never with a fresh key per start.
 */
@Configuration(proxyBeanMethods = false)
class LedgerSigningConfig {

    static final String PRIVATE_KEY_FILE = "checkpoint-signing.key.pem";
    static final String PUBLIC_KEY_FILE = "checkpoint-signing.pub.pem";

    private static final Logger log = LoggerFactory.getLogger(LedgerSigningConfig.class);

    @Bean
    CheckpointSigner checkpointSigner(LedgerProperties properties) {
        if (present(properties.signingKey())) {
            if (!present(properties.signingPublicKey())) {
                throw new IllegalStateException("changeledger.ledger.signing-key is set without "
                        + "changeledger.ledger.signing-public-key (CHANGELEDGER_SIGNING_PUBLIC_KEY)");
            }
            return new CheckpointSigner(properties.origin(), LedgerKeys.privateKey(pem(properties.signingKey())),
                    LedgerKeys.publicKey(pem(properties.signingPublicKey())));
        }
        if (!present(properties.keyDirectory())) {
            throw new IllegalStateException("No key to sign checkpoints with: set CHANGELEDGER_SIGNING_KEY and "
                    + "CHANGELEDGER_SIGNING_PUBLIC_KEY (PEM or file paths), or CHANGELEDGER_KEY_DIR for a key pair "
                    + "generated once and kept there");
        }
        Path directory = Path.of(properties.keyDirectory());
        Path privateFile = directory.resolve(PRIVATE_KEY_FILE);
        Path publicFile = directory.resolve(PUBLIC_KEY_FILE);
        try {
            if (!Files.exists(privateFile)) {
                generate(directory, privateFile, publicFile);
            }
            return new CheckpointSigner(properties.origin(), LedgerKeys.privateKey(Files.readString(privateFile)),
                    LedgerKeys.publicKey(Files.readString(publicFile)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or write the checkpoint key in " + directory, e);
        }
    }

    private static void generate(Path directory, Path privateFile, Path publicFile) throws IOException {
        Files.createDirectories(directory);
        KeyPair pair = LedgerKeys.generate();
        Files.writeString(publicFile, LedgerKeys.pem(pair.getPublic()));
        Path temporary = Files.createTempFile(directory, "signing", ".tmp");
        try {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            log.warn("{} does not support POSIX permissions; protect {} yourself", directory, privateFile);
        }
        Files.writeString(temporary, LedgerKeys.pem(pair.getPrivate()));
        Files.move(temporary, privateFile);
        log.info("Generated the checkpoint signing key {} in {}; give auditors {}", LedgerKeys.keyId(pair.getPublic()),
                directory, publicFile);
    }

    private static String pem(String value) {
        if (value.contains("-----BEGIN")) {
            return value;
        }
        try {
            return Files.readString(Path.of(value));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read key file " + value, e);
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
