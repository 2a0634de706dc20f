package io.changeledger.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsKeyTest {

    @Test
    void makesAKeyAtTheFirstStartAndKeepsItForTheNextReadableByItsOwnerOnly(@TempDir Path dataDir) throws Exception {
        String first = EmbeddedChangeLedger.secretsKey(dataDir, null);
        String second = EmbeddedChangeLedger.secretsKey(dataDir, "");

        assertThat(Base64.getDecoder().decode(first)).hasSize(32);
        assertThat(second).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("secrets.key"))))
                .isEqualTo("rw-------");
    }

    @Test
    void takesTheKeyGivenInTheEnvironment(@TempDir Path dataDir) throws Exception {
        assertThat(EmbeddedChangeLedger.secretsKey(dataDir, "given-key")).isEqualTo("given-key");
        assertThat(dataDir.resolve("secrets.key")).doesNotExist();
    }
}
